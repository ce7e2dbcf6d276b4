package io.kairos.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call of one client shares: the HTTP client (never following redirects itself), the
 * masters and leader hint, the backoff, and the timer thread that schedules retries.
 */
record Channel(HttpClient http, Masters masters, Backoff backoff, ScheduledExecutorService timer,
        Duration requestTimeout) {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
}
