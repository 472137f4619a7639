package dev.weatheragent.telegram;

import dev.weatheragent.telegram.TelegramTypes.Update;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The update kinds the bot handles, one {@link UpdateHandler} each: names them for {@code allowed_updates} and
 * finds the handler for an update, so the poll loop never needs to know one kind from another.
 */
public final class UpdateRoutes {

    private final List<UpdateHandler<?>> handlers;

    public UpdateRoutes(List<UpdateHandler<?>> handlers) {
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException("no update handlers");
        }
        this.handlers = List.copyOf(handlers);
    }

    /**
     * An update ready to run: the chat whose order it joins, and the work (given when the update arrived).
     *
     * @param kind the handler's update kind, for the log line when the work fails
     */
    public record Routed(String kind, long chatId, LongFunction<UpdateHandler.Handled> work) {
    }

    /** Exactly the kinds handled; naming them keeps Telegram from remembering a wider list from earlier runs. */
    public List<String> allowedUpdates() {
        return handlers.stream().map(UpdateHandler::updateKind).toList();
    }

    /** The handler's work for this update; empty when no handler takes it or it has no chat. */
    public Optional<Routed> route(Update update) {
        for (UpdateHandler<?> handler : handlers) {
            Optional<Routed> routed = tryRoute(handler, update);
            if (routed.isPresent()) {
                return routed;
            }
        }
        return Optional.empty();
    }

    private static <T> Optional<Routed> tryRoute(UpdateHandler<T> handler, Update update) {
        T item = handler.select(update);
        if (item == null) {
            return Optional.empty();
        }
        Long chat = handler.chatOf(item);
        return chat == null ? Optional.empty()
                : Optional.of(new Routed(handler.updateKind(), chat, received -> handler.handle(item, received)));
    }
}
