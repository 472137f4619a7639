package dev.weatheragent;

import java.lang.reflect.Proxy;

/**
 * Takes over SIGTERM and SIGINT so the bot can drain and confirm before the JVM exits, with exit code 0. A shutdown
 * hook cannot do this: the JVM would exit with 143, and java.util.logging drops its handlers in its own hook, losing
 * the shutdown's log lines. The JDK's signal API lives in {@code jdk.unsupported}; it is reached reflectively because
 * a direct reference makes javac warn on every build.
 */
final class SignalExit {

    private SignalExit() {
    }

    /** Runs {@code action} then exits 0 when the process receives SIGTERM or SIGINT. */
    static void install(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(SignalExit.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            System.exit(0);
                        }
                        return null;
                    });
            for (String name : new String[] {"TERM", "INT"}) {
                signal.getMethod("handle", signal, handlerType)
                        .invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException e) {
            // Without it the JVM's default handling still runs shutdown hooks; only the drain is lost.
            Runtime.getRuntime().addShutdownHook(new Thread(action, "shutdown"));
        }
    }
}
