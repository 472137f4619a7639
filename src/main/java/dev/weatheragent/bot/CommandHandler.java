package dev.weatheragent.bot;

import java.util.Set;

/** The commands of one family ({@code /home}, {@code /save}, …): each answers and returns its log outcome. */
interface CommandHandler {

    /** The command names it answers, without the slash. */
    Set<String> commands();

    /**
     * @param command the name, lower case, without the slash
     * @param args    the rest of the message, stripped; may be empty
     */
    String handle(String command, String args, Request request);
}
