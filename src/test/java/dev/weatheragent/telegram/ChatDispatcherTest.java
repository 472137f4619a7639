package dev.weatheragent.telegram;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

class ChatDispatcherTest {

    private static final long TIMEOUT_SECONDS = 20;

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat("timed out waiting", latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), is(true));
    }

    @Test
    void orderWithinEachChatIsKeptUnderManyConcurrentChats() throws Exception {
        int chats = 40;
        int perChat = 150;
        ChatDispatcher dispatcher = new ChatDispatcher(perChat);
        Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Long, AtomicInteger> running = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(chats * perChat);

        List<Thread> producers = new ArrayList<>();
        for (int c = 0; c < chats; c++) {
            long chatId = c % 2 == 0 ? c : -1000L - c;
            seen.put(chatId, new ArrayList<>());
            running.put(chatId, new AtomicInteger());
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perChat; i++) {
                    int n = i;
                    boolean queued = dispatcher.submit(chatId, () -> {
                        if (running.get(chatId).incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        List<Integer> list = seen.get(chatId);
                        synchronized (list) {
                            list.add(n);
                        }
                        if (n % 10 == 0) {
                            Thread.yield();
                        }
                        running.get(chatId).decrementAndGet();
                        all.countDown();
                    });
                    assertThat(queued, is(true));
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        await(all);

        List<Integer> expected = IntStream.range(0, perChat).boxed().toList();
        for (Map.Entry<Long, List<Integer>> entry : seen.entrySet()) {
            synchronized (entry.getValue()) {
                assertThat("chat " + entry.getKey(), entry.getValue(), is(expected));
            }
        }
        assertThat("tasks of one chat ran at the same time", overlaps.get(), is(0));
    }

    @Test
    void slowChatDoesNotBlockAnother() throws Exception {
        ChatDispatcher dispatcher = new ChatDispatcher(10);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(3);
        CountDownLatch slowChatNext = new CountDownLatch(1);

        dispatcher.submit(1, () -> {
            slowStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dispatcher.submit(1, slowChatNext::countDown);
        await(slowStarted);

        for (int i = 0; i < 3; i++) {
            dispatcher.submit(2 + i, otherRan::countDown);
        }
        await(otherRan);
        // The slow chat's own next task still waits behind its first.
        assertThat(slowChatNext.getCount(), is(1L));

        release.countDown();
        await(slowChatNext);
    }

    @Test
    void queueCapRefusesWorkForThatChatOnly() throws Exception {
        ChatDispatcher dispatcher = new ChatDispatcher(2);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new ArrayList<>();
        CountDownLatch queuedRan = new CountDownLatch(2);

        assertThat(dispatcher.submit(7, () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), is(true));
        await(started);

        // The running task has left the queue; two more fit, the third does not.
        assertThat(dispatcher.submit(7, () -> {
            synchronized (ran) {
                ran.add("a");
            }
            queuedRan.countDown();
        }), is(true));
        assertThat(dispatcher.submit(7, () -> {
            synchronized (ran) {
                ran.add("b");
            }
            queuedRan.countDown();
        }), is(true));
        assertThat(dispatcher.submit(7, () -> {
            synchronized (ran) {
                ran.add("refused");
            }
        }), is(false));

        CountDownLatch otherChat = new CountDownLatch(1);
        assertThat(dispatcher.submit(8, otherChat::countDown), is(true));
        await(otherChat);

        release.countDown();
        await(queuedRan);
        synchronized (ran) {
            assertThat(ran, contains("a", "b"));
        }

        // Once drained, the chat takes work again.
        CountDownLatch again = new CountDownLatch(1);
        assertThat(dispatcher.submit(7, again::countDown), is(true));
        await(again);
    }

    @Test
    void throwingTaskDoesNotStopTheChat() throws Exception {
        ChatDispatcher dispatcher = new ChatDispatcher(10);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch after = new CountDownLatch(2);
        List<Integer> order = new ArrayList<>();

        dispatcher.submit(3, () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dispatcher.submit(3, () -> {
            throw new IllegalStateException("expected by ChatDispatcherTest");
        });
        dispatcher.submit(3, () -> {
            synchronized (order) {
                order.add(1);
            }
            after.countDown();
        });
        dispatcher.submit(3, () -> {
            synchronized (order) {
                order.add(2);
            }
            after.countDown();
        });
        gate.countDown();
        await(after);
        synchronized (order) {
            assertThat(order, contains(1, 2));
        }
    }

    @Test
    void taskThrowingAnErrorDoesNotWedgeTheChat() throws Exception {
        ChatDispatcher dispatcher = new ChatDispatcher(10);
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch next = new CountDownLatch(1);

        dispatcher.submit(4, () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dispatcher.submit(4, () -> {
            throw new StackOverflowError("expected by ChatDispatcherTest");
        });
        dispatcher.submit(4, next::countDown);
        gate.countDown();
        await(next);

        // And work submitted later still runs.
        CountDownLatch later = new CountDownLatch(1);
        assertThat(dispatcher.submit(4, later::countDown), is(true));
        await(later);
    }

    @Test
    void chatRunsAgainAfterItsQueueEmptied() throws Exception {
        ChatDispatcher dispatcher = new ChatDispatcher(1);
        for (int round = 0; round < 20; round++) {
            CountDownLatch ran = new CountDownLatch(1);
            assertThat(dispatcher.submit(9, ran::countDown), is(true));
            await(ran);
        }
    }

    @Test
    void interruptRunningEndsTheRunningTaskAndTheNextOneRunsUndisturbed() throws Exception {
        ChatDispatcher dispatcher = new ChatDispatcher(10);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch nextRan = new CountDownLatch(1);
        List<Boolean> nextSawInterrupt = new ArrayList<>();
        dispatcher.submit(7, () -> {
            waiting.countDown();
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS * 3));
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        dispatcher.submit(7, () -> {
            synchronized (nextSawInterrupt) {
                nextSawInterrupt.add(Thread.currentThread().isInterrupted());
            }
            nextRan.countDown();
        });
        await(waiting);
        dispatcher.interruptRunning();
        await(interrupted);
        await(nextRan);
        synchronized (nextSawInterrupt) {
            assertThat(nextSawInterrupt, contains(false));
        }
    }
}
