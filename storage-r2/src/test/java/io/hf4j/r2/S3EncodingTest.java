package io.hf4j.r2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hf4j.core.HfValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3EncodingTest {
  @Test
  void plusAndSpaceAreAlwaysPercentEncoded() {
    assertEquals("a%20b%2Bc.txt", S3Encoding.encode("a b+c.txt", true));
    assertEquals("a%20b%2Bc.txt", S3Encoding.encode("a b+c.txt", false));
  }

  @Test
  void unreservedCharactersStayAsTheyAre() {
    String unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    assertEquals(unreserved, S3Encoding.encode(unreserved, false));
  }

  @Test
  void slashIsKeptOnlyInPaths() {
    assertEquals("dir/sub/file", S3Encoding.encode("dir/sub/file", true));
    assertEquals("dir%2Fsub%2Ffile", S3Encoding.encode("dir/sub/file", false));
  }

  @Test
  void unicodeIsEncodedAsUpperCaseUtf8Bytes() {
    assertEquals("%E1%88%B4", S3Encoding.encode("\u1234", true));
    assertEquals("%C3%BC/%E6%97%A5%E6%9C%AC", S3Encoding.encode("ü/日本", true));
    assertEquals("%F0%9F%98%80", S3Encoding.encode("😀", true));
  }

  @Test
  void reservedAndOtherAsciiAreEncoded() {
    assertEquals("%21%22%23%24%25%26%27%28%29%2A%2C%3A%3B%3D%3F%40%5B%5D", S3Encoding.encode("!\"#$%&'()*,:;=?@[]", true));
  }

  @Test
  void unpairedSurrogateIsRefused() {
    assertThrows(HfValidationException.class, () -> S3Encoding.encode("bad\uD800key", true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a b+c.txt", "100%.txt", "ü/ñ/日本語.txt", "tilde~key", "q'\"&<>.txt", "😀", "%2B", "a//b/"})
  void decodeUndoesEncode(String s) {
    assertEquals(s, S3Encoding.decode(S3Encoding.encode(s, true)));
  }

  @Test
  void decodeKeepsPlusAndStrayPercent() {
    assertEquals("a+b", S3Encoding.decode("a+b"));
    assertEquals("100%", S3Encoding.decode("100%"));
    assertEquals("%zz", S3Encoding.decode("%zz"));
    assertEquals("a b", S3Encoding.decode("a%20b"));
  }

  @Test
  void canonicalQuerySortsByNameThenValueAndEncodes() {
    List<S3Encoding.Param> params = List.of(
        new S3Encoding.Param("prefix", "a b+c"),
        new S3Encoding.Param("list-type", "2"),
        new S3Encoding.Param("Param", "b"),
        new S3Encoding.Param("Param", "a"),
        new S3Encoding.Param("uploads", ""));
    assertEquals("Param=a&Param=b&list-type=2&prefix=a%20b%2Bc&uploads=", S3Encoding.canonicalQuery(params));
  }

  @Test
  void parseQueryDecodesAndGivesBareNamesAnEmptyValue() {
    assertEquals(List.of(new S3Encoding.Param("uploads", ""), new S3Encoding.Param("x", "+ /")),
        S3Encoding.parseQuery("uploads&x=%2B%20%2F"));
    assertEquals(List.of(), S3Encoding.parseQuery(null));
  }
}
