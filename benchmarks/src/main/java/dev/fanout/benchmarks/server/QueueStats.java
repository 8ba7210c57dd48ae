package dev.fanout.benchmarks.server;

/**
 * What the server's queueing limit ({@code --server-capacity}) saw: its own proof that no more
 * than K were served at once, and what the rest waited.
 *
 * @param capacity   K over time
 * @param maxServing the most requests served at once
 * @param maxWaiting the most requests waiting at once
 * @param waited     requests that waited for a slot
 * @param meanWaitMs their mean wait
 */
public record QueueStats(LimitSchedule capacity, int maxServing, int maxWaiting, long waited, double meanWaitMs) {
}
