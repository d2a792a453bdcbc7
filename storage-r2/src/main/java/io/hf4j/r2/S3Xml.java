package io.hf4j.r2;

import io.hf4j.core.HfException;
import io.hf4j.core.HfValidationException;
import org.jspecify.annotations.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads and writes the S3 XML documents hf4j uses, with the JDK's own parser locked down: no DOCTYPE,
 * no external entities or DTDs, no XInclude. Elements are matched by local name, so the S3 namespace
 * may or may not be present.
 */
final class S3Xml {
  private static final DocumentBuilderFactory FACTORY = secureFactory();

  private S3Xml() {}

  /** An S3 {@code <Error>} document. */
  record ErrorBody(@Nullable String code, @Nullable String message, @Nullable String requestId) {}

  /** One page of ListObjectsV2. */
  record ListPage(List<R2Object> objects, boolean truncated, @Nullable String nextContinuationToken) {}

  /** One page of ListMultipartUploads. */
  record UploadsPage(List<MultipartUpload> uploads, boolean truncated, @Nullable String nextKeyMarker,
      @Nullable String nextUploadIdMarker) {}

  /** One part of a multipart upload, as CompleteMultipartUpload lists it. */
  record CompletedPart(int partNumber, String eTag) {}

  /** One failure of a DeleteObjects call. */
  record DeleteFailure(String key, @Nullable String code, @Nullable String message) {}

  private static DocumentBuilderFactory secureFactory() {
    // newDefaultInstance: always the JDK's parser, whatever else sits on the classpath.
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be secured", e);
    }
    return f;
  }

  /**
   * Parses a document.
   *
   * @throws HfException if the bytes are not a well-formed XML document (or declare a DOCTYPE)
   */
  static Element parse(byte[] xml) {
    try {
      DocumentBuilder builder = FACTORY.newDocumentBuilder();
      builder.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      Document doc = builder.parse(new ByteArrayInputStream(xml));
      return doc.getDocumentElement();
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new HfException("The storage server sent malformed XML: " + e.getMessage(), e);
    }
  }

  /** The error document in a body, or null when the body is empty or is not an S3 {@code <Error>}. */
  static @Nullable ErrorBody parseError(byte[] body) {
    if (body.length == 0) return null;
    Element root;
    try {
      root = parse(body);
    } catch (HfException e) {
      return null;
    }
    if (!"Error".equals(name(root))) return null;
    return new ErrorBody(text(root, "Code"), text(root, "Message"), text(root, "RequestId"));
  }

  static ListPage parseListObjectsV2(byte[] body, String stripPrefix) {
    Element root = expect(body, "ListBucketResult");
    boolean urlEncoded = "url".equalsIgnoreCase(text(root, "EncodingType"));
    List<R2Object> objects = new ArrayList<>();
    for (Element c : children(root, "Contents")) {
      String key = maybeDecode(required(c, "Key"), urlEncoded);
      String size = text(c, "Size");
      objects.add(new R2Object(
          strip(key, stripPrefix),
          size == null ? 0 : Long.parseLong(size),
          unquote(text(c, "ETag")),
          instant(text(c, "LastModified")),
          text(c, "StorageClass")));
    }
    boolean truncated = "true".equalsIgnoreCase(text(root, "IsTruncated"));
    return new ListPage(objects, truncated, text(root, "NextContinuationToken"));
  }

  static UploadsPage parseListMultipartUploads(byte[] body, String stripPrefix) {
    Element root = expect(body, "ListMultipartUploadsResult");
    boolean urlEncoded = "url".equalsIgnoreCase(text(root, "EncodingType"));
    List<MultipartUpload> uploads = new ArrayList<>();
    for (Element u : children(root, "Upload")) {
      String key = maybeDecode(required(u, "Key"), urlEncoded);
      uploads.add(new MultipartUpload(strip(key, stripPrefix), required(u, "UploadId"), instant(text(u, "Initiated"))));
    }
    boolean truncated = "true".equalsIgnoreCase(text(root, "IsTruncated"));
    String nextKey = text(root, "NextKeyMarker");
    return new UploadsPage(uploads, truncated, nextKey == null ? null : maybeDecode(nextKey, urlEncoded),
        text(root, "NextUploadIdMarker"));
  }

  static String parseUploadId(byte[] body) {
    return required(expect(body, "InitiateMultipartUploadResult"), "UploadId");
  }

  /** CompleteMultipartUpload's answer: the ETag of the new object, without quotes. */
  static String parseCompleteResult(byte[] body) {
    String eTag = unquote(required(expect(body, "CompleteMultipartUploadResult"), "ETag"));
    return eTag == null ? "" : eTag;
  }

  /** CopyObject's answer: the ETag and the modification time of the new object. */
  static Element parseCopyResult(byte[] body) {
    return expect(body, "CopyObjectResult");
  }

  static List<DeleteFailure> parseDeleteResult(byte[] body) {
    Element root = expect(body, "DeleteResult");
    List<DeleteFailure> failures = new ArrayList<>();
    for (Element e : children(root, "Error")) {
      failures.add(new DeleteFailure(required(e, "Key"), text(e, "Code"), text(e, "Message")));
    }
    return failures;
  }

  static String deleteObjectsBody(List<String> keys) {
    StringBuilder sb = new StringBuilder(64 + keys.size() * 64);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    sb.append("<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>");
    for (String key : keys) sb.append("<Object><Key>").append(escape(key)).append("</Key></Object>");
    return sb.append("</Delete>").toString();
  }

  static String completeMultipartBody(List<CompletedPart> parts) {
    StringBuilder sb = new StringBuilder(128 + parts.size() * 96);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    sb.append("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (CompletedPart p : parts) {
      sb.append("<Part><PartNumber>").append(p.partNumber()).append("</PartNumber><ETag>")
          .append(escape(quote(p.eTag()))).append("</ETag></Part>");
    }
    return sb.append("</CompleteMultipartUpload>").toString();
  }

  /** Whether a key can travel inside an XML 1.0 document at all. */
  static boolean isXmlSafe(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok) return false;
      i += Character.charCount(cp);
    }
    return true;
  }

  /** Escapes text content; line breaks and tabs become character references so parsers keep them as they are. */
  static String escape(String s) {
    if (!isXmlSafe(s)) throw new HfValidationException("text cannot be written in XML 1.0: '" + s + "'");
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\r' -> sb.append("&#13;");
        case '\n' -> sb.append("&#10;");
        case '\t' -> sb.append("&#9;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static @Nullable String unquote(@Nullable String etag) {
    if (etag == null) return null;
    String e = etag.strip();
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) return e.substring(1, e.length() - 1);
    return e;
  }

  private static String quote(String etag) {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  static @Nullable Instant instant(@Nullable String iso) {
    if (iso == null) return null;
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** With {@code encoding-type=url} S3 form-encodes keys (a space may come back as {@code +}), as the AWS SDKs decode them. */
  private static String maybeDecode(String value, boolean urlEncoded) {
    return urlEncoded ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value;
  }

  private static String strip(String key, String prefix) {
    return !prefix.isEmpty() && key.startsWith(prefix) ? key.substring(prefix.length()) : key;
  }

  private static Element expect(byte[] body, String rootName) {
    Element root = parse(body);
    if (!rootName.equals(name(root))) {
      throw new HfException("Expected an S3 <" + rootName + "> document but got <" + name(root) + ">");
    }
    return root;
  }

  static String name(Node n) {
    return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
  }

  static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n.getNodeType() == Node.ELEMENT_NODE && name.equals(name(n))) out.add((Element) n);
    }
    return out;
  }

  static @Nullable String text(Element parent, String name) {
    List<Element> c = children(parent, name);
    return c.isEmpty() ? null : c.get(0).getTextContent();
  }

  private static String required(Element parent, String name) {
    String t = text(parent, name);
    if (t == null) throw new HfException("S3 <" + name(parent) + "> has no <" + name + ">");
    return t;
  }
}
