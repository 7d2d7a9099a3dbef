package dev.braid.plugin.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The {@code audio} map as a configuration gives it (converted by Jackson, as the runtime's binder does). */
class AudioTranscriptionConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EndpointConfig CHAT = EndpointConfig.of("https://api.example.com/v1", "vision", "CHAT_KEY");

    private static AudioTranscriptionConfig read(String json) throws Exception {
        return JSON.convertValue(JSON.readTree(json.replace('\'', '"')), AudioTranscriptionConfig.class);
    }

    @Test
    void anEmptyMapIsOffAndAModelTurnsItOnWithTheEndpointsServerAndKey() throws Exception {
        assertThat(read("{}").enabled()).isFalse();
        AudioTranscriptionConfig on = read("{'model': 'whisper-1'}");
        assertThat(on.enabled()).isTrue();
        assertThat(on.always()).isFalse();
        EndpointConfig e = on.endpoint(CHAT);
        assertThat(e.baseUrl()).isEqualTo("https://api.example.com/v1");
        assertThat(e.model()).isEqualTo("whisper-1");
        assertThat(e.apiKeyEnv()).isEqualTo("CHAT_KEY");
        assertThat(e.timeoutMs()).isEqualTo(CHAT.timeoutMs());
    }

    @Test
    void anotherServerGetsOnlyTheKeyNamedForIt() throws Exception {
        EndpointConfig local = read("{'model': 'm', 'baseUrl': 'http://127.0.0.1:8001/v1', 'timeoutMs': 60000}")
                .endpoint(CHAT);
        assertThat(local.apiKeyEnv()).isEmpty();
        assertThat(local.timeoutMs()).isEqualTo(60_000);
        EndpointConfig named = read("{'model': 'm', 'baseUrl': 'http://h/v1', 'apiKeyEnv': 'LOCAL_KEY'}")
                .endpoint(CHAT);
        assertThat(named.apiKeyEnv()).isEqualTo("LOCAL_KEY");
    }

    @Test
    void anUnknownUseIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> read("{'model': 'm', 'use': 'sometimes'}")).hasMessageContaining("audio.use")
                .hasMessageContaining("no-image or always");
    }
}
