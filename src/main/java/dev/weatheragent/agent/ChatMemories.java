package dev.weatheragent.agent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.ChatMemoryProvider;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * One bounded conversation per chat: a window of the last messages, chats idle for a while forgotten, and a cap on
 * how many chats are kept, so memory cannot grow without bound. The messages live in a size- and time-bounded
 * cache; LangChain4j's own per-chat memory objects are evicted with them, since it otherwise keeps one per chat
 * for ever. Memory lives in this process only.
 */
final class ChatMemories implements ChatMemoryProvider, ChatMemoryStore {

    private final int window;
    private final Cache<Object, List<ChatMessage>> messages;
    private volatile Consumer<Object> onForget = id -> { };

    ChatMemories(int window, Duration idle, int maxChats) {
        this.window = window;
        this.messages = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(maxChats)
                .removalListener((Object id, List<ChatMessage> gone, RemovalCause cause) -> {
                    if (id != null && cause.wasEvicted()) {
                        onForget.accept(id);
                    }
                })
                .build();
    }

    /** Called with the chat id whenever a conversation is evicted or reset. */
    void onForget(Consumer<Object> listener) {
        this.onForget = listener;
    }

    @Override
    public ChatMemory get(Object chatId) {
        return MessageWindowChatMemory.builder().id(chatId).maxMessages(window).chatMemoryStore(this).build();
    }

    @Override
    public List<ChatMessage> getMessages(Object chatId) {
        List<ChatMessage> stored = messages.getIfPresent(chatId);
        return stored == null ? List.of() : stored;
    }

    @Override
    public void updateMessages(Object chatId, List<ChatMessage> updated) {
        messages.put(chatId, List.copyOf(updated));
    }

    @Override
    public void deleteMessages(Object chatId) {
        messages.invalidate(chatId);
    }

    /** Forgets the chat's conversation. */
    void reset(long chatId) {
        messages.invalidate(chatId);
        onForget.accept(chatId);
    }

    /** Number of conversations held now (after pending evictions). */
    long size() {
        messages.cleanUp();
        return messages.estimatedSize();
    }
}
