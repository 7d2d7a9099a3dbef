package dev.braid.runtime.blend;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.braid.runtime.generation.ResolvedComponent;
import java.util.List;

/**
 * A resolved {@code blend} stage: its members (each an ordinary configured generator, validated like any other)
 * and how the weights are fitted. Its identity for reuse across generations is the members' keys and the fit.
 *
 * @param memberKeys the members' {@link ResolvedComponent#key()}s, in order
 * @param fit        the weight fitting
 * @param members    the resolved members (not part of the identity: their keys are)
 */
public record BlendConfig(List<String> memberKeys, BlendFit fit, @JsonIgnore List<ResolvedComponent> members) {

    public BlendConfig {
        memberKeys = List.copyOf(memberKeys);
        members = List.copyOf(members);
    }

    /** The members' names, in order. */
    public List<String> memberNames() {
        return members.stream().map(m -> m.spec().name()).toList();
    }
}
