package dev.weatheragent.telegram;

import java.time.Duration;

/**
 * Shows "typing…" while a reply takes longer than a moment: the first action after {@code delay}, then one every
 * {@code refresh} (Telegram clears the status after about five seconds) until closed.
 */
final class TypingIndicator implements AutoCloseable {

    private final Thread thread;

    TypingIndicator(Runnable sendTyping, Duration delay, Duration refresh) {
        this.thread = Thread.ofVirtual().name("typing").start(() -> {
            try {
                Thread.sleep(delay);
                while (!Thread.currentThread().isInterrupted()) {
                    sendTyping.run();
                    Thread.sleep(refresh);
                }
            } catch (InterruptedException e) {
                // closed: the reply is out
            }
        });
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
