package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfException;
import io.hf4j.core.HfValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class S3XmlTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void listPageWithUrlEncodedKeysAndFolderStripped() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
          <Name>b</Name><Prefix>app/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
          <EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
          <NextContinuationToken>tok/en+1=</NextContinuationToken>
          <Contents><Key>app/a+b%2Bc%E2%82%AC.txt</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified>
            <ETag>&quot;abc&quot;</ETag><Size>12</Size><StorageClass>STANDARD</StorageClass></Contents>
          <Contents><Key>app/x%0Ay</Key><Size>0</Size></Contents>
        </ListBucketResult>""";
    S3Xml.ListPage page = S3Xml.parseListObjectsV2(utf8(xml.strip()), "app/");
    assertTrue(page.truncated());
    assertEquals("tok/en+1=", page.nextContinuationToken());
    assertEquals(List.of(
        new R2Object("a b+c€.txt", 12, "abc", Instant.parse("2026-01-02T03:04:05Z"), "STANDARD"),
        new R2Object("x\ny", 0, null, null, null)), page.objects());
  }

  @Test
  void listPageWithoutEncodingTypeKeepsKeysAsIs() {
    String xml = "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a+b</Key><Size>1</Size></Contents>"
        + "</ListBucketResult>";
    S3Xml.ListPage page = S3Xml.parseListObjectsV2(utf8(xml), "");
    assertEquals("a+b", page.objects().get(0).key());
    assertFalse(page.truncated());
  }

  @Test
  void errorDocument() {
    String xml = "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
        + "<Key>k</Key><RequestId>req-7</RequestId></Error>";
    S3Xml.ErrorBody e = S3Xml.parseError(utf8(xml));
    assertEquals(new S3Xml.ErrorBody("NoSuchKey", "The specified key does not exist.", "req-7"), e);
  }

  @Test
  void bodiesThatAreNotS3ErrorsGiveNoError() {
    assertNull(S3Xml.parseError(new byte[0]));
    assertNull(S3Xml.parseError(utf8("<html><body>404 Not Found</body></html>")));
    assertNull(S3Xml.parseError(utf8("{\"error\":\"x\"}")));
    assertNull(S3Xml.parseError(utf8("<ListBucketResult/>")));
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
        + "<Error><Code>&x;</Code><Message>m</Message></Error>";
    HfException e = assertThrows(HfException.class, () -> S3Xml.parse(utf8(xxe)));
    assertFalse(e.getMessage().contains("TOP-SECRET"));
    assertNull(S3Xml.parseError(utf8(xxe)));
  }

  @Test
  void entityExpansionIsRefused() {
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        + "<ListBucketResult><Name>&b;</Name></ListBucketResult>";
    assertThrows(HfException.class, () -> S3Xml.parseListObjectsV2(utf8(laughs), ""));
  }

  @Test
  void deleteBodyRoundTripsAwkwardKeys() {
    List<String> keys = List.of("a&b", "<tag>", "quote\"'", "line\nbreak", "cr\rret", "tab\tkey", "日本語", "😀");
    Element root = S3Xml.parse(utf8(S3Xml.deleteObjectsBody(keys)));
    assertEquals("Delete", S3Xml.name(root));
    assertEquals("true", S3Xml.text(root, "Quiet"));
    List<String> parsed = S3Xml.children(root, "Object").stream().map(o -> S3Xml.text(o, "Key")).toList();
    assertEquals(keys, parsed);
  }

  @Test
  void completeBodyListsQuotedETagsInOrder() {
    String xml = S3Xml.completeMultipartBody(List.of(new S3Xml.CompletedPart(1, "e1"), new S3Xml.CompletedPart(2, "\"e2\"")));
    Element root = S3Xml.parse(utf8(xml));
    List<Element> parts = S3Xml.children(root, "Part");
    assertEquals("1", S3Xml.text(parts.get(0), "PartNumber"));
    assertEquals("\"e1\"", S3Xml.text(parts.get(0), "ETag"));
    assertEquals("\"e2\"", S3Xml.text(parts.get(1), "ETag"));
  }

  @Test
  void controlCharactersCannotTravelInXml() {
    assertFalse(S3Xml.isXmlSafe("a\u0001b"));
    assertTrue(S3Xml.isXmlSafe("a\tb\n"));
    assertThrows(HfValidationException.class, () -> S3Xml.escape("a\u0001b"));
  }

  @Test
  void uploadsPage() {
    String xml = "<ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>k%2B1</NextKeyMarker>"
        + "<NextUploadIdMarker>u1</NextUploadIdMarker><EncodingType>url</EncodingType>"
        + "<Upload><Key>f/k%2B1</Key><UploadId>u1</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated></Upload>"
        + "</ListMultipartUploadsResult>";
    S3Xml.UploadsPage page = S3Xml.parseListMultipartUploads(utf8(xml), "f/");
    assertEquals(List.of(new MultipartUpload("k+1", "u1", Instant.parse("2026-01-01T00:00:00Z"))), page.uploads());
    assertEquals("k+1", page.nextKeyMarker());
    assertEquals("u1", page.nextUploadIdMarker());
  }

  @Test
  void unexpectedDocumentIsAnError() {
    assertThrows(HfException.class, () -> S3Xml.parseUploadId(utf8("<Error><Code>x</Code></Error>")));
    assertThrows(HfException.class, () -> S3Xml.parseUploadId(utf8("not xml")));
  }
}
