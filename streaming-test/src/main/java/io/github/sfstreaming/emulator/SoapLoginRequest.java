package io.github.sfstreaming.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A SOAP 1.1 partner API {@code login} request, read with the JDK's XML parser with DOCTYPEs, external entities and
 * XInclude refused: no request can make the emulator read a file or open a connection.
 *
 * @param username the {@code username} element's text, or {@code null} if absent
 * @param password the {@code password} element's text, or {@code null} if absent
 */
record SoapLoginRequest(@Nullable String username, @Nullable String password) {

	static final String SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

	static final String PARTNER = "urn:partner.soap.sforce.com";

	/** Never shows the password. */
	@Override
	public String toString() {
		return "SoapLoginRequest[username=" + this.username + "]";
	}

	/**
	 * Reads a request body.
	 * @param body the bytes received
	 * @param encoding the charset of the {@code Content-Type}, or {@code null} to let the XML declaration (or UTF-8)
	 * decide
	 * @return the username and password
	 * @throws Invalid if the body is not a SOAP envelope whose body is a partner {@code login}
	 */
	static SoapLoginRequest parse(byte[] body, @Nullable String encoding) throws Invalid {
		Document document = read(body, encoding);
		Element envelope = document.getDocumentElement();
		if (!is(envelope, SOAP_ENVELOPE, "Envelope")) {
			throw new Invalid("Expected a SOAP 1.1 Envelope in namespace " + SOAP_ENVELOPE);
		}
		Element soapBody = child(envelope, SOAP_ENVELOPE, "Body");
		if (soapBody == null) {
			throw new Invalid("The SOAP Envelope has no Body");
		}
		Element operation = firstChildElement(soapBody);
		if (operation == null) {
			throw new Invalid("The SOAP Body is empty");
		}
		if (!is(operation, PARTNER, "login")) {
			throw new Invalid("No operation available for request {" + nullToEmpty(operation.getNamespaceURI()) + "}"
					+ operation.getLocalName() + ", please check the WSDL for the service.");
		}
		return new SoapLoginRequest(text(child(operation, PARTNER, "username")),
				text(child(operation, PARTNER, "password")));
	}

	private static Document read(byte[] body, @Nullable String encoding) throws Invalid {
		try {
			DocumentBuilder builder = safeFactory().newDocumentBuilder();
			builder.setErrorHandler(new Rethrowing());
			InputSource source = new InputSource(new ByteArrayInputStream(body));
			if (encoding != null) {
				source.setEncoding(encoding);
			}
			return builder.parse(source);
		}
		catch (SAXParseException ex) {
			// The parser's message may quote the document (an entity name, say): give only the position, so that
			// no part of a password is ever echoed.
			throw new Invalid("The request is not a well-formed XML document without a DOCTYPE (line "
					+ ex.getLineNumber() + ", column " + ex.getColumnNumber() + ")");
		}
		catch (SAXException | IOException ex) {
			throw new Invalid("The request is not a well-formed XML document without a DOCTYPE");
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("The JDK's XML parser cannot be made safe", ex);
		}
	}

	/** The JDK's own parser (not whichever one the classpath brings), with every external access refused. */
	private static DocumentBuilderFactory safeFactory() throws ParserConfigurationException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
		factory.setNamespaceAware(true);
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
		factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
		factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		return factory;
	}

	private static boolean is(Node node, String namespace, String localName) {
		return namespace.equals(node.getNamespaceURI()) && localName.equals(node.getLocalName());
	}

	private static @Nullable Element child(Element parent, String namespace, String localName) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && is(element, namespace, localName)) {
				return element;
			}
		}
		return null;
	}

	private static @Nullable Element firstChildElement(Element parent) {
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element) {
				return element;
			}
		}
		return null;
	}

	private static @Nullable String text(@Nullable Element element) {
		return (element != null) ? element.getTextContent() : null;
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/** A request that is not a SOAP partner {@code login}: answered with a {@code soapenv:Client} fault. */
	static final class Invalid extends Exception {

		Invalid(String message) {
			super(message, null, false, false);
		}

	}

	/** Parse errors become exceptions instead of lines on standard error (the JDK parser's default). */
	private static final class Rethrowing implements ErrorHandler {

		@Override
		public void warning(SAXParseException exception) {
		}

		@Override
		public void error(SAXParseException exception) throws SAXException {
			throw exception;
		}

		@Override
		public void fatalError(SAXParseException exception) throws SAXException {
			throw exception;
		}

	}

}
