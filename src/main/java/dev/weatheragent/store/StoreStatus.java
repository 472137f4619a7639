package dev.weatheragent.store;

/**
 * @param kind    {@code sqlite}, {@code postgresql} or {@code memory}
 * @param ready   whether reads and writes work now
 * @param durable whether what is stored survives a restart
 * @param detail  where the data lives or what is wrong, without secrets
 */
public record StoreStatus(String kind, boolean ready, boolean durable, String detail) {
}
