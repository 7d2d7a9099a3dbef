package dev.braid.datasets;

/**
 * The hidden attributes behind the demo catalog, one per modality: for an item, what its text, image and sound
 * express; for a user, which of each they prefer. Each is an index in {@code 0 .. 7}.
 *
 * @param topic the text topic ({@link DemoCatalog#TOPICS})
 * @param hue   the dominant image hue ({@code hue * 45} degrees)
 * @param sound the sound class (pitch and timbre)
 */
public record DemoLatent(int topic, int hue, int sound) {

    public DemoLatent {
        check("topic", topic);
        check("hue", hue);
        check("sound", sound);
    }

    /** How many of the three attributes are equal (0 to 3): a user's preference against an item. */
    public int matches(DemoLatent other) {
        return (topic == other.topic ? 1 : 0) + (hue == other.hue ? 1 : 0) + (sound == other.sound ? 1 : 0);
    }

    private static void check(String name, int value) {
        if (value < 0 || value >= DemoCatalog.CLASSES) {
            throw new IllegalArgumentException(name + " must be in 0.." + (DemoCatalog.CLASSES - 1) + ", got " + value);
        }
    }
}
