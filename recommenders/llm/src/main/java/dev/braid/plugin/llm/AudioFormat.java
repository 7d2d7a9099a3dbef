package dev.braid.plugin.llm;

/**
 * What an audio file is, from its first bytes, and whether it is visibly cut short: a file that cannot hold a
 * recording is not uploaded (it would cost a request and come back as a server error or an empty transcript).
 */
final class AudioFormat {

    private AudioFormat() {
    }

    /** The MIME type transcription servers take for these bytes, or {@code null} when it is none of them. */
    static String mimeType(byte[] b) {
        if (b.length >= 12 && ascii(b, 0, "RIFF") && ascii(b, 8, "WAVE")) {
            return "audio/wav";
        }
        if (b.length >= 3 && ascii(b, 0, "ID3")
                || b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xe0) == 0xe0) {
            return "audio/mpeg";
        }
        if (b.length >= 4 && ascii(b, 0, "fLaC")) {
            return "audio/flac";
        }
        if (b.length >= 4 && ascii(b, 0, "OggS")) {
            return "audio/ogg";
        }
        if (b.length >= 8 && ascii(b, 4, "ftyp")) {
            return "audio/mp4";
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x1a && (b[1] & 0xff) == 0x45 && (b[2] & 0xff) == 0xdf
                && (b[3] & 0xff) == 0xa3) {
            return "audio/webm";
        }
        return null;
    }

    /** Why these bytes of that type hold no complete recording, or {@code null} when nothing shows it. */
    static String damage(byte[] b, String mimeType) {
        if (b.length == 0) {
            return "the file is empty";
        }
        return switch (mimeType) {
            case "audio/wav" -> wavDamage(b);
            case "audio/mpeg" -> ascii(b, 0, "ID3") && (b.length < 10 || 10 + synchsafe(b, 6) >= b.length)
                    ? "an ID3 tag without audio frames (truncated)" : null;
            default -> b.length < 64 ? "only " + b.length + " bytes (truncated)" : null;
        };
    }

    /** A WAV file's {@code data} chunk must be there, non-empty and as long as its header says. */
    private static String wavDamage(byte[] b) {
        long riff = u32(b, 4) + 8;
        if (riff > b.length) {
            return "truncated: the RIFF header declares " + riff + " bytes, the file has " + b.length;
        }
        int at = 12;
        while (at + 8 <= b.length) {
            long size = u32(b, at + 4);
            if (ascii(b, at, "data")) {
                if (size == 0) {
                    return "the data chunk holds no samples";
                }
                return at + 8 + size > b.length ? "truncated: the data chunk declares " + size + " bytes, "
                        + (b.length - at - 8) + " are present" : null;
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
        }
        return "no data chunk (truncated)";
    }

    private static boolean ascii(byte[] b, int at, String s) {
        if (b.length < at + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static int synchsafe(byte[] b, int at) {
        return (b[at] & 0x7f) << 21 | (b[at + 1] & 0x7f) << 14 | (b[at + 2] & 0x7f) << 7 | (b[at + 3] & 0x7f);
    }
}
