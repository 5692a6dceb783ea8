package org.haven.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import nu.validator.checker.Checker;
import nu.validator.checker.CspEnforcementChecker;
import nu.validator.checker.DuplicateDtChecker;
import nu.validator.checker.HeadingHierarchyChecker;
import nu.validator.checker.InfoAwareErrorHandler;
import nu.validator.checker.MicrodataChecker;
import nu.validator.checker.NormalizationChecker;
import nu.validator.checker.SpeculationRulesChecker;
import nu.validator.checker.TextContentChecker;
import nu.validator.checker.UncheckedSubtreeWarner;
import nu.validator.checker.UsemapChecker;
import nu.validator.checker.XmlPiChecker;
import nu.validator.checker.jing.CheckerSchema;
import nu.validator.checker.jing.CheckerValidator;
import nu.validator.checker.table.TableChecker;
import nu.validator.htmlparser.common.Heuristics;
import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.sax.HtmlParser;
import nu.validator.localentities.LocalCacheEntityResolver;
import nu.validator.vendor.thaiopensource.relaxng.impl.CombineValidator;
import nu.validator.vendor.thaiopensource.util.PropertyMap;
import nu.validator.vendor.thaiopensource.util.PropertyMapBuilder;
import nu.validator.vendor.thaiopensource.validate.Schema;
import nu.validator.vendor.thaiopensource.validate.ValidateProperty;
import nu.validator.vendor.thaiopensource.validate.Validator;
import nu.validator.vendor.thaiopensource.validate.prop.rng.RngProperty;
import nu.validator.vendor.thaiopensource.validate.rng.CompactSchemaReader;
import nu.validator.vendor.thaiopensource.xml.sax.Jaxp11XMLReaderCreator;
import nu.validator.xml.AttributesPermutingXMLReaderWrapper;
import nu.validator.xml.NullEntityResolver;
import nu.validator.xml.customelements.NamespaceChangingSchemaWrapper;
import nu.validator.xml.dataattributes.DataAttributeDroppingSchemaWrapper;
import nu.validator.xml.ariaattributes.AriaAttributeDroppingSchemaWrapper;
import nu.validator.xml.langattributes.XmlLangAttributeDroppingSchemaWrapper;
import nu.validator.xml.roleattributes.RoleAttributeFilteringSchemaWrapper;
import nu.validator.xml.templateelement.TemplateElementDroppingSchemaWrapper;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The Nu Html Checker (the engine of validator.w3.org/nu and {@code vnu.jar}),
 * in-process: Haven's markup is checked against the HTML standard as served, without a
 * network service. It is put together the way the checker's own
 * {@code SimpleDocumentValidator} does for text/html (the same schema, assertions and
 * checkers), without that class, whose remote-document support needs a Jetty 11 client
 * that clashes with the test classpath. Its schemas take seconds to load, so the JVM
 * keeps one checker; it is not thread-safe, so one document is checked at a time.
 */
public final class HtmlChecker {

	private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

	private static HtmlChecker instance;

	private final Collector collector = new Collector();

	private final Validator validator;

	private final XMLReader parser;

	private long checkingNanos;

	private int documents;

	private HtmlChecker() {
		long start = System.nanoTime();
		// Language guessing is a heuristic that only ever warns; RDFa is checked in full,
		// as for html5-all.
		System.setProperty("nu.validator.checker.enableLangDetection", "0");
		System.setProperty("nu.validator.schema.rdfa-full", "1");
		try {
			PropertyMapBuilder properties = new PropertyMapBuilder();
			properties.put(ValidateProperty.ERROR_HANDLER, collector);
			properties.put(ValidateProperty.XML_READER_CREATOR, new Jaxp11XMLReaderCreator());
			RngProperty.CHECK_ID_IDREF.add(properties);
			PropertyMap forValidators = properties.toPropertyMap();
			LocalCacheEntityResolver bundled = new LocalCacheEntityResolver(new NullEntityResolver());
			bundled.setAllowRnc(true);
			properties.put(ValidateProperty.ENTITY_RESOLVER, bundled);
			Schema schema = CompactSchemaReader.getInstance()
				.createSchema(bundled.resolveEntity(null, HTML_SCHEMA), properties.toPropertyMap());
			schema = new NamespaceChangingSchemaWrapper(new TemplateElementDroppingSchemaWrapper(
					new RoleAttributeFilteringSchemaWrapper(new XmlLangAttributeDroppingSchemaWrapper(
							new AriaAttributeDroppingSchemaWrapper(new DataAttributeDroppingSchemaWrapper(schema))))));

			Validator combined = new CombineValidator(schema.createValidator(forValidators),
					CheckerSchema.ASSERTION_SCH.createValidator(forValidators));
			for (Checker checker : List.of(new TableChecker(), new DuplicateDtChecker(), new HeadingHierarchyChecker(),
					new MicrodataChecker(), new NormalizationChecker(), new SpeculationRulesChecker(),
					new TextContentChecker(), new UncheckedSubtreeWarner(), new UsemapChecker(), new XmlPiChecker(),
					new CspEnforcementChecker())) {
				combined = new CombineValidator(combined, new CheckerValidator(checker, forValidators));
			}
			this.validator = combined;

			HtmlParser html = new HtmlParser();
			html.setCommentPolicy(XmlViolationPolicy.ALLOW);
			html.setContentNonXmlCharPolicy(XmlViolationPolicy.ALLOW);
			html.setContentSpacePolicy(XmlViolationPolicy.ALTER_INFOSET);
			html.setNamePolicy(XmlViolationPolicy.ALLOW);
			html.setXmlnsPolicy(XmlViolationPolicy.ALTER_INFOSET);
			html.setMappingLangToXmlLang(true);
			html.setHeuristics(Heuristics.ALL);
			html.setContentHandler(validator.getContentHandler());
			html.setErrorHandler(collector);
			html.setFeature("http://xml.org/sax/features/unicode-normalization-checking", true);
			HashMap<String, String> profile = new HashMap<>();
			profile.put("html-strict", "warn");
			html.setErrorProfile(profile);
			this.parser = new AttributesPermutingXMLReaderWrapper(html);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The Nu Html Checker did not start", ex);
		}
		checkingNanos += System.nanoTime() - start;
	}

	public static synchronized HtmlChecker shared() {
		if (instance == null) {
			instance = new HtmlChecker();
		}
		return instance;
	}

	/**
	 * The errors and warnings of a text/html document (informational messages are left
	 * out).
	 */
	public synchronized List<Finding> check(String html) {
		long start = System.nanoTime();
		collector.findings = new ArrayList<>();
		try {
			validator.reset();
			InputSource source = new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
			source.setEncoding("UTF-8");
			parser.parse(source);
		}
		catch (SAXParseException ex) {
			// A fatal error, already reported to the collector; the parser stops there.
		}
		catch (IOException | SAXException ex) {
			collector.findings.add(new Finding(Severity.ERROR, 0, 0, "The checker could not read the document: " + ex));
		}
		finally {
			checkingNanos += System.nanoTime() - start;
			documents++;
		}
		return List.copyOf(collector.findings);
	}

	/** Time spent starting the checker and checking documents, in milliseconds. */
	public synchronized long millisSpent() {
		return checkingNanos / 1_000_000;
	}

	public synchronized int documentsChecked() {
		return documents;
	}

	public enum Severity {

		ERROR, WARNING

	}

	public record Finding(Severity severity, int line, int column, String message) {

		public boolean isError() {
			return severity == Severity.ERROR;
		}

		@Override
		public String toString() {
			return "line " + line + ":" + column + " " + severity.name().toLowerCase() + ": " + message;
		}
	}

	private static final class Collector implements InfoAwareErrorHandler {

		private List<Finding> findings = new ArrayList<>();

		@Override
		public void warning(SAXParseException ex) {
			add(Severity.WARNING, ex);
		}

		@Override
		public void error(SAXParseException ex) {
			add(Severity.ERROR, ex);
		}

		@Override
		public void fatalError(SAXParseException ex) {
			add(Severity.ERROR, ex);
		}

		@Override
		public void info(SAXParseException ex) {
			// Notes such as "trailing slash on void elements has no effect": not a
			// conformance problem.
		}

		private void add(Severity severity, SAXParseException ex) {
			findings.add(new Finding(severity, ex.getLineNumber(), ex.getColumnNumber(), ex.getMessage()));
		}

	}

}
