package dev.weatheragent.chart;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Draws charts off the chats' threads, a few at a time. Rendering is CPU work in Java2D (partly native), so it runs
 * on a small pool of platform threads rather than on the virtual threads that carry the chats and the poll loop; at
 * most {@code parallel} charts are drawn at once, and a request that cannot get a turn within {@code queueWait}
 * gives up. Nothing is loaded until the first chart: the renderer (and with it the chart library, AWT and the fonts)
 * is created then, and the threads too.
 */
public final class ChartService {

    private static final System.Logger LOG = System.getLogger(ChartService.class.getName());

    private final Supplier<ChartRenderer> factory;
    private final int parallel;
    private final Duration queueWait;
    private final Duration renderTimeout;
    private final Semaphore turns;
    private final Object lock = new Object();
    private ChartRenderer renderer;
    private ExecutorService pool;
    private boolean drawnOnce;

    /**
     * @param factory       makes the renderer, on the first chart
     * @param parallel      charts drawn at once
     * @param queueWait     how long a request may wait for its turn
     * @param renderTimeout how long one drawing may take
     */
    public ChartService(Supplier<ChartRenderer> factory, int parallel, Duration queueWait, Duration renderTimeout) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.factory = factory;
        this.parallel = parallel;
        this.queueWait = queueWait;
        this.renderTimeout = renderTimeout;
        this.turns = new Semaphore(parallel, true);
    }

    /** The production service: the JFreeChart renderer, one chart at a time per two cores (at least one). */
    public static ChartService standard() {
        int parallel = Math.clamp(Runtime.getRuntime().availableProcessors() / 2, 1, 4);
        // A lambda, not ForecastChartRenderer::new: the renderer class is not even resolved until the first chart.
        return new ChartService(() -> new ForecastChartRenderer(), parallel, Duration.ofSeconds(10),
                Duration.ofSeconds(20));
    }

    /**
     * Draws the chart and returns the PNG.
     *
     * @throws ChartUnavailableException when drawing failed, timed out, or no turn came in time
     */
    public byte[] render(ChartData data, ChartLabels labels) {
        try {
            if (!turns.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ChartUnavailableException("busy: " + parallel + " charts are being drawn");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChartUnavailableException("interrupted while waiting for a turn");
        }
        try {
            long started = System.nanoTime();
            Future<byte[]> png = pool().submit(() -> renderer().render(data, labels));
            try {
                byte[] bytes = png.get(renderTimeout.toMillis(), TimeUnit.MILLISECONDS);
                long millis = (System.nanoTime() - started) / 1_000_000;
                boolean first;
                synchronized (lock) {
                    first = !drawnOnce;
                    drawnOnce = true;
                }
                // The first chart pays for loading the chart library, AWT and the fonts: worth one line in the log.
                LOG.log(first ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, (first ? "first chart" : "chart")
                        + " drawn in " + millis + " ms, " + bytes.length + " bytes");
                return bytes;
            } catch (TimeoutException e) {
                png.cancel(true);
                throw new ChartUnavailableException("drawing took longer than " + renderTimeout.toSeconds() + " s");
            } catch (InterruptedException e) {
                png.cancel(true);
                Thread.currentThread().interrupt();
                throw new ChartUnavailableException("interrupted while drawing");
            } catch (ExecutionException e) {
                throw new ChartUnavailableException("drawing failed: " + e.getCause(), e.getCause());
            }
        } finally {
            turns.release();
        }
    }

    private ChartRenderer renderer() {
        synchronized (lock) {
            if (renderer == null) {
                // Runs on a pool thread: whatever it throws (a missing java.desktop module, font library or font is
                // an Error) reaches the caller through the Future, and the next chart tries again.
                renderer = factory.get();
            }
            return renderer;
        }
    }

    private ExecutorService pool() {
        synchronized (lock) {
            if (pool == null) {
                AtomicInteger count = new AtomicInteger();
                ThreadFactory threads = task -> {
                    Thread thread = new Thread(task, "chart-render-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                };
                pool = Executors.newFixedThreadPool(parallel, threads);
            }
            return pool;
        }
    }
}
