package dev.braid.plugin.llm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A request to an OpenAI-compatible {@code /audio/transcriptions} endpoint: the audio file and the form fields sent
 * with it as {@code multipart/form-data} ({@code file}, {@code model}, {@code language} when given,
 * {@code response_format=json}).
 */
public final class TranscriptionForm {
    private static final String RESPONSE_FORMAT = "json";

    private final byte[] audio;
    private final String fileName;
    private final String mimeType;
    private final String language;
    /** Random, so no recording can contain it (with overwhelming probability). */
    private final String boundary = "braid-" + UUID.randomUUID().toString().replace("-", "");

    /**
     * @param audio    the file's bytes
     * @param fileName the name sent with the file (servers read the format from its extension)
     * @param mimeType the file part's content type
     * @param language an ISO-639-1 code, or empty to let the model detect it
     */
    public TranscriptionForm(byte[] audio, String fileName, String mimeType, String language) {
        this.audio = audio;
        this.fileName = fileName;
        this.mimeType = mimeType;
        this.language = language == null ? "" : language;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** What identifies the answer: the audio's content, the model and the parameters (not the file's name). */
    String fingerprint(String model) {
        return "transcription\n" + HexFormat.of().formatHex(AnswerCache.sha256(audio)) + "\n" + model + "\n"
                + language + "\n" + RESPONSE_FORMAT;
    }

    byte[] body(String model) {
        String b = boundary;
        ByteArrayOutputStream out = new ByteArrayOutputStream(audio.length + 1024);
        write(out, "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName.replaceAll("[\"\\\\\r\n]", "_") + "\"\r\nContent-Type: " + mimeType + "\r\n\r\n");
        out.write(audio, 0, audio.length);
        write(out, "\r\n");
        field(out, b, "model", model);
        if (!language.isEmpty()) {
            field(out, b, "language", language);
        }
        field(out, b, "response_format", RESPONSE_FORMAT);
        write(out, "--" + b + "--\r\n");
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }
}
