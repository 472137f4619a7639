import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Run inside the image by .ci/image-test.sh with the image's JVM flags. It checks what the jlinked runtime and the
 * runtime image must provide but no unit test sees, because tests run on a full JDK on the host:
 * <ul>
 *   <li>Ukrainian date names (jdk.localedata, jlinked with --include-locales=en,uk): without it Java falls back
 *       to English silently;</li>
 *   <li>UTF-8 on stdout (LANG=C.UTF-8), or Ukrainian log text turns into '?';</li>
 *   <li>headless Java2D with a font that has Cyrillic glyphs (java.desktop, fontconfig, DejaVu), as the forecast
 *       chart needs: it draws Ukrainian text and encodes a PNG in memory.</li>
 * </ul>
 * Prints key=value lines; the script compares them.
 */
public final class RuntimeProbe {
    public static void main(String[] args) throws Exception {
        Locale uk = Locale.of("uk");
        System.out.println("weekday=" + DayOfWeek.MONDAY.getDisplayName(TextStyle.FULL, uk));
        System.out.println("date=" + DateTimeFormatter.ofPattern("EEEE, d MMMM", uk).format(LocalDate.of(2026, 11, 28)));
        System.out.println("stdout.encoding=" + System.getProperty("stdout.encoding"));

        System.out.println("headless=" + GraphicsEnvironment.isHeadless());
        String text = "Київ: субота, 28 листопада, −3 °C";
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 22);
        String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
        System.out.println("families=" + String.join(",", families));
        System.out.println("cyrillic=" + (font.canDisplayUpTo(text) == -1));
        BufferedImage image = new BufferedImage(600, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setFont(font);
        g.drawString(text, 10, 40);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.setUseCache(false);
        System.out.println("png=" + (ImageIO.write(image, "png", png) && png.size() > 1000));
    }
}
