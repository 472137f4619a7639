package dev.weatheragent.agent;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

class ChatMemoriesTest {

    private static final Duration IDLE = Duration.ofHours(1);

    @Test
    void theWindowKeepsTheLastMessages() {
        ChatMemories memories = new ChatMemories(4, IDLE, 100);
        ChatMemory memory = memories.get(1L);
        for (int i = 0; i < 10; i++) {
            memory.add(UserMessage.from("question " + i));
            memory.add(AiMessage.from("answer " + i));
        }
        assertThat(memory.messages(), hasSize(4));
        List<ChatMessage> stored = memories.getMessages(1L);
        assertThat(stored, hasSize(lessThanOrEqualTo(4)));
        assertThat(stored.getLast(), equalTo(AiMessage.from("answer 9")));
        assertThat("a new memory object for the chat sees the same window",
                memories.get(1L).messages(), equalTo(memory.messages()));
        assertThat(memories.getMessages(2L), is(empty()));
    }

    @Test
    void unknownChatHasNoMessages() {
        ChatMemories memories = new ChatMemories(4, IDLE, 100);
        assertThat(memories.getMessages(42L), is(empty()));
        assertThat(memories.get(42L).messages(), is(empty()));
    }

    @Test
    void atMostMaxChatsAreKeptAndEvictedOnesAreReported() throws InterruptedException {
        ChatMemories memories = new ChatMemories(4, IDLE, 10);
        Set<Object> forgotten = ConcurrentHashMap.newKeySet();
        memories.onForget(forgotten::add);
        for (long chat = 1; chat <= 50; chat++) {
            memories.updateMessages(chat, List.of(UserMessage.from("hi from " + chat)));
        }
        long size = memories.size();
        assertThat(size, lessThanOrEqualTo(10L));
        assertThat(size, greaterThan(0L));
        // Caffeine runs the removal listener on its executor (the common pool): wait for it, briefly.
        awaitTrue(() -> forgotten.size() >= 50 - memories.size());
        Set<Object> kept = new HashSet<>();
        for (long chat = 1; chat <= 50; chat++) {
            if (!memories.getMessages(chat).isEmpty()) {
                kept.add(chat);
            }
        }
        assertThat(kept.size(), lessThanOrEqualTo(10));
        for (long chat = 1; chat <= 50; chat++) {
            assertThat("chat " + chat + " is either kept or reported as forgotten",
                    kept.contains(chat) != forgotten.contains(chat), is(true));
        }
    }

    @Test
    void resetClearsTheChatAndReportsIt() throws InterruptedException {
        ChatMemories memories = new ChatMemories(4, IDLE, 100);
        List<Object> forgotten = new CopyOnWriteArrayList<>();
        memories.onForget(forgotten::add);
        memories.get(7L).add(UserMessage.from("remember me"));
        memories.get(8L).add(UserMessage.from("and me"));
        assertThat(memories.getMessages(7L), hasSize(1));

        memories.reset(7L);

        assertThat(memories.getMessages(7L), is(empty()));
        assertThat(memories.get(7L).messages(), is(empty()));
        assertThat(memories.getMessages(8L), hasSize(1));
        assertThat(forgotten, contains((Object) 7L));
        memories.size();
        Thread.sleep(50);   // an explicit removal must not be reported a second time by the removal listener
        assertThat(forgotten, contains((Object) 7L));
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 2 s");
            }
            Thread.sleep(10);
        }
    }
}
