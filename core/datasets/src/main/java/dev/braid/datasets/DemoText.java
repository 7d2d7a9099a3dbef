package dev.braid.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes the demo's titles and descriptions: a description mixes words of the item's topic (60-70%) with
 * generic filler words and a few words of one other topic, so that the topic is recoverable from the text but
 * not from any single word.
 */
final class DemoText {
    static final List<List<String>> VOCABULARY = List.of(
            List.of("star", "planet", "orbit", "galaxy", "rocket", "comet", "nebula", "astronaut", "moon", "crater",
                    "asteroid", "telescope", "gravity", "cosmos", "satellite", "launch", "alien", "meteor", "eclipse",
                    "lunar", "solar", "capsule", "spacecraft", "universe", "void", "shuttle", "quasar", "supernova",
                    "zenith", "starlight"),
            List.of("wave", "reef", "tide", "coral", "whale", "harbor", "sailor", "anchor", "shark", "island",
                    "lagoon", "current", "seagull", "dolphin", "shell", "shore", "vessel", "captain", "pearl", "storm",
                    "lighthouse", "kelp", "octopus", "voyage", "mariner", "buoy", "surf", "depth", "trench", "salt"),
            List.of("recipe", "oven", "flour", "butter", "garlic", "pastry", "sauce", "spice", "kettle", "skillet",
                    "dough", "simmer", "roast", "baker", "chef", "onion", "pepper", "knife", "herb", "broth",
                    "noodle", "cheese", "bread", "soup", "cinnamon", "whisk", "grill", "vanilla", "honey", "tomato"),
            List.of("tree", "moss", "fern", "oak", "pine", "wolf", "deer", "owl", "trail", "cabin", "leaf", "branch",
                    "root", "mushroom", "river", "bark", "acorn", "glade", "bear", "fox", "hollow", "meadow",
                    "thicket", "timber", "canopy", "sap", "berry", "squirrel", "lichen", "woodland"),
            List.of("street", "subway", "taxi", "tower", "traffic", "neon", "apartment", "avenue", "bridge", "office",
                    "crowd", "market", "skyline", "alley", "cafe", "plaza", "bus", "downtown", "siren", "rooftop",
                    "concrete", "elevator", "district", "metro", "billboard", "sidewalk", "lobby", "block", "garage",
                    "hotel"),
            List.of("knight", "king", "queen", "sword", "dragon", "throne", "kingdom", "armor", "fortress", "banner",
                    "moat", "squire", "crown", "siege", "lance", "shield", "wizard", "dungeon", "tournament", "herald",
                    "duke", "realm", "scroll", "quest", "jester", "chalice", "rampart", "archer", "prince",
                    "battlement"),
            List.of("goal", "match", "team", "coach", "stadium", "player", "score", "referee", "league", "season",
                    "ball", "racket", "sprint", "marathon", "trophy", "medal", "champion", "tackle", "inning", "pitch",
                    "dribble", "relay", "victory", "fans", "jersey", "training", "whistle", "court", "serve",
                    "helmet"),
            List.of("robot", "circuit", "engine", "gear", "sensor", "laser", "code", "computer", "server", "signal",
                    "battery", "wire", "processor", "algorithm", "network", "drone", "chip", "voltage", "keyboard",
                    "screen", "data", "pixel", "software", "motor", "cable", "antenna", "binary", "console",
                    "silicon", "firmware"));

    static final List<String> FILLER = List.of("story", "day", "time", "people", "world", "moment", "life", "place",
            "way", "friend", "family", "old", "new", "young", "strange", "quiet", "bright", "dark", "long", "little",
            "great", "together", "again", "never", "always", "suddenly", "finally", "home", "journey", "secret",
            "dream", "night", "morning", "change", "chance", "heart", "hope", "past", "truth", "choice", "road",
            "letter", "promise", "fear", "laugh", "simple", "lost", "found", "return", "small", "the", "of", "and",
            "with", "a", "in");

    private DemoText() {
    }

    /** A neutral title made of filler words (the topic shows only in the description). */
    static String title(SplittableRandom rng) {
        return capitalize(FILLER.get(rng.nextInt(50))) + " " + capitalize(FILLER.get(rng.nextInt(50)));
    }

    /** A description of 18 to 30 words on this topic. */
    static String description(int topic, SplittableRandom rng) {
        int n = 18 + rng.nextInt(13);
        int other = (topic + 1 + rng.nextInt(DemoCatalog.CLASSES - 1)) % DemoCatalog.CLASSES;
        int nOther = 2 + rng.nextInt(3);
        int nTopic = (int) Math.round(n * (0.6 + 0.1 * rng.nextDouble()));
        List<String> words = new ArrayList<>(n);
        for (int i = 0; i < nTopic; i++) {
            words.add(pick(VOCABULARY.get(topic), rng));
        }
        for (int i = 0; i < nOther; i++) {
            words.add(pick(VOCABULARY.get(other), rng));
        }
        while (words.size() < n) {
            words.add(pick(FILLER, rng));
        }
        for (int i = words.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            words.set(j, words.set(i, words.get(j)));
        }
        StringBuilder s = new StringBuilder();
        int sentenceBreak = n / 2 + rng.nextInt(3) - 1;
        for (int i = 0; i < n; i++) {
            String w = words.get(i);
            boolean start = i == 0 || i == sentenceBreak;
            if (i > 0) {
                s.append(i == sentenceBreak ? ". " : " ");
            }
            s.append(start ? capitalize(w) : w);
        }
        return s.append('.').toString();
    }

    private static String pick(List<String> words, SplittableRandom rng) {
        return words.get(rng.nextInt(words.size()));
    }

    private static String capitalize(String w) {
        return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }
}
