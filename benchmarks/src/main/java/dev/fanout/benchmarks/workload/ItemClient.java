package dev.fanout.benchmarks.workload;

import dev.fanout.core.FanOutTask;

import java.net.URI;
import java.time.Duration;

/**
 * The HTTP task of every benchmark: one {@code GET /item/{n}} per input item. A 2xx answer is the
 * result (its status code); any other status is a failure whose message names it; a dropped
 * connection or a stall ends in an exception, never a hang (every request has a timeout).
 *
 * <p>An interface so that a second client can sit beside the JDK's: OkHttp's client is already on
 * the class path with MockWebServer and was measured about twice as cheap per request.
 */
public interface ItemClient extends FanOutTask<Long, Integer>, AutoCloseable {

    /** The client names {@link #create} accepts. */
    String NAMES = "jdk";

    /**
     * @param name           {@code jdk}: {@code java.net.http.HttpClient}, HTTP/1.1
     * @param base           the server, such as {@code http://127.0.0.1:41234}
     * @param requestTimeout how long one request may take before it fails
     * @throws IllegalArgumentException for an unknown name
     */
    static ItemClient create(String name, URI base, Duration requestTimeout) {
        return switch (name) {
            case "jdk" -> new JdkItemClient(base, requestTimeout);
            default -> throw new IllegalArgumentException("unknown client '" + name + "'; valid names: " + NAMES);
        };
    }

    /** @return the result: the 2xx status code */
    @Override
    Integer call(Long item) throws Exception;

    @Override
    void close();
}
