package dev.braid.api.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.braid.api.generator.Generator;
import dev.braid.api.generator.Query;
import org.junit.jupiter.api.Test;

class ComponentKindTest {

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedEnumResolvesTheSameInterfacesWithoutImportingThem() {
        // The deprecated enum is frozen at the kinds of API 1.2; kinds added since (DESCRIBER) exist only here.
        for (dev.braid.api.component.ComponentKind old : dev.braid.api.component.ComponentKind.values()) {
            ComponentKind k = ComponentKind.valueOf(old.name());
            assertThat(old.type()).isSameAs(k.type());
            assertThat(old.key()).isEqualTo(k.key());
        }
    }

    @Test
    void aComponentClassHasTheKindOfItsInterface() {
        abstract class Rule implements Generator {
            @Override
            public void score(Query query, float[] scores) {
            }
        }
        assertThat(ComponentKind.of(Rule.class)).isEqualTo(ComponentKind.GENERATOR);
        assertThat(ComponentKind.GENERATOR.key()).isEqualTo("generator");
        assertThat(ComponentKind.of(String.class)).isNull();
        assertThat(ComponentKind.of(dev.braid.api.describe.ItemDescriber.class)).isEqualTo(ComponentKind.DESCRIBER);
        assertThat(ComponentKind.DESCRIBER.key()).isEqualTo("describer");
    }
}
