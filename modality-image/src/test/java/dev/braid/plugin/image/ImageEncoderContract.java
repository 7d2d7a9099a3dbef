package dev.braid.plugin.image;

import dev.braid.api.data.Item;
import dev.braid.api.data.ItemContent;
import dev.braid.api.data.Media;
import dev.braid.testkit.EncoderContract;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The encoder contract on images: solid colours, stripes and checkers in PNG and JPEG, and a PNG header with no
 * image data as the broken item.
 */
abstract class ImageEncoderContract extends EncoderContract {
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.GRAY,
        new Color(120, 30, 160)};

    @Override
    protected List<Item> catalog() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < COLOURS.length; i++) {
            Color a = COLOURS[i];
            Color b = COLOURS[(i + 2) % COLOURS.length];
            items.add(item("solid" + i, "png", TestImages.solid(40, 30, a, BufferedImage.TYPE_INT_RGB)));
            items.add(item("stripes" + i, "png", TestImages.stripes(48, 48, a, b, 4 + i, i % 2 == 0)));
            items.add(item("checker" + i, "jpg", TestImages.checker(64, 40, a, b, 8)));
        }
        return items;
    }

    @Override
    protected Optional<Item> brokenItem() {
        return Optional.of(new Item("broken", "", Map.of(),
                new ItemContent(null, Media.ofBytes("broken.png", TestImages.pngHeaderOnly(16, 16)), null)));
    }

    private static Item item(String id, String format, BufferedImage image) {
        return new Item(id, "", Map.of(), new ItemContent(null,
                Media.ofBytes(id + "." + format, TestImages.bytes(image, format)), null));
    }
}
