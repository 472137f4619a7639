package dev.weatheragent.telegram;

import dev.weatheragent.logging.LogFields;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs work concurrently across chats and strictly in order within a chat. Each chat with pending work has one
 * virtual thread draining its queue; a slow chat holds only its own thread. Queues are capped so a flooding chat
 * cannot take unbounded memory: past the cap, work is refused and the caller drops the update.
 */
final class ChatDispatcher {

    private static final System.Logger LOG = System.getLogger(ChatDispatcher.class.getName());

    private final int perChatLimit;
    private final Map<Long, ArrayDeque<Runnable>> queues = new HashMap<>();
    /** The thread draining each chat's queue; guarded by {@code queues}. */
    private final Map<Long, Thread> drainers = new HashMap<>();

    ChatDispatcher(int perChatLimit) {
        this.perChatLimit = perChatLimit;
    }

    /** Queues the task behind the chat's earlier ones; false when the chat already has too much queued. */
    boolean submit(long chatId, Runnable task) {
        synchronized (queues) {
            ArrayDeque<Runnable> queue = queues.get(chatId);
            if (queue != null) {
                if (queue.size() >= perChatLimit) {
                    return false;
                }
                queue.add(task);
                return true;
            }
            queue = new ArrayDeque<>();
            queue.add(task);
            queues.put(chatId, queue);
            drainers.put(chatId, Thread.ofVirtual().name("chat-" + chatId).start(() -> drain(chatId)));
        }
        return true;
    }

    /**
     * Interrupts the work running now, such as a reply waiting to retry, so that it ends soon; what is queued behind
     * it still runs. For a shutdown or hand-over whose grace period has passed: the interrupted updates stay
     * unconfirmed and are answered again by whoever polls next.
     */
    void interruptRunning() {
        synchronized (queues) {
            drainers.values().forEach(Thread::interrupt);
        }
    }

    private void drain(long chatId) {
        while (true) {
            Runnable task;
            synchronized (queues) {
                ArrayDeque<Runnable> queue = queues.get(chatId);
                task = queue.poll();
                if (task == null) {
                    queues.remove(chatId);
                    drainers.remove(chatId);
                    return;
                }
            }
            // An interrupt was meant for the task that was running when it came, not for the next one.
            Thread.interrupted();
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // One broken update must not stop the chat's queue: if this thread died, the chat's queue would stay
                // in the map with nobody draining it, and every later message of the chat would be stuck or refused.
                LOG.log(System.Logger.Level.ERROR, "update handling failed", LogFields.of("chat_id", chatId), e);
            }
        }
    }
}
