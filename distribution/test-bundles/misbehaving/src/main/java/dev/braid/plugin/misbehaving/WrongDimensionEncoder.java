package dev.braid.plugin.misbehaving;

import dev.braid.api.component.BraidComponent;
import dev.braid.api.component.NoConfig;
import dev.braid.api.data.Item;
import dev.braid.api.data.Modality;
import dev.braid.api.encoder.EncodingResult;
import dev.braid.api.encoder.ModalityEncoder;
import java.util.List;

/** A test encoder that declares dimension 8 but returns vectors of dimension 3. */
@BraidComponent(name = "wrong-dimension", modality = Modality.TEXT,
        description = "test: declares dimension 8, returns 3")
public final class WrongDimensionEncoder implements ModalityEncoder {

    public WrongDimensionEncoder(NoConfig config) {
    }

    @Override
    public Modality modality() {
        return Modality.TEXT;
    }

    @Override
    public int dimension() {
        return 8;
    }

    @Override
    public List<EncodingResult> encode(List<Item> items) {
        return items.stream().map(i -> EncodingResult.success(i.id(), new float[] {1, 2, 3})).toList();
    }
}
