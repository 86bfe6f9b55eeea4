package org.proportion.pack;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

/**
 * The PDF of an attendee's view: the same HTML, with the recipient's name, organisation and the
 * time of download printed at the top and bottom of every page, so a printout that goes astray
 * can be traced to whom it was given.
 */
@Component
public class PdfRenderer {

	// Debian's DejaVu covers the names in the samples (ą, ł, é…); without it PDF base fonts are used.
	private static final File FONT = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

	private static final File BOLD = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

	public byte[] pdf(String html, String watermark) {
		Document doc = Jsoup.parse(html);
		// openhtmltopdf draws no SVG without its SVG plugin (Batik), so a trend chart is drawn in the
		// PDF by the boxes the view carries for it (.bars-pdf), and the SVG is left out.
		doc.select("svg.trend-chart").remove();
		String mark = cssString(watermark);
		doc.head().appendElement("style").appendChild(new DataNode("""
				@page { size: A4; margin: 24mm 14mm 22mm 14mm;
				  @top-center { content: %1$s; font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #7a1111; }
				  @bottom-center { content: %1$s " · page " counter(page) " of " counter(pages);
				    font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #7a1111; } }
				body { font-family: 'DejaVu Sans', sans-serif; max-width: none; font-size: 10pt; }
				.bars-pdf { display: block; }
				""".formatted(mark)));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			if (FONT.canRead()) {
				builder.useFont(FONT, "DejaVu Sans");
			}
			if (BOLD.canRead()) {
				builder.useFont(BOLD, "DejaVu Sans", 700, PdfRendererBuilder.FontStyle.NORMAL, true);
			}
			builder.withW3cDocument(new W3CDom().fromJsoup(doc), "/");
			builder.toStream(out);
			builder.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The PDF could not be rendered", ex);
		}
		return out.toByteArray();
	}

	static String cssString(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n\\f]", " ") + "\"";
	}

}
