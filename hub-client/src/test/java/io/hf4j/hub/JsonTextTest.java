package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.JsonWriter;
import io.hf4j.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** {@link JsonText} writes the bytes the shared JSON writer (Moshi) writes, for every character and mixes of them. */
class JsonTextTest {

  /** Moshi's bytes for the string value {@code s}: the writer the bodies were built with before. */
  private static byte[] moshi(String s) throws Exception {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.value(s);
    }
    return out.readByteArray();
  }

  private static byte[] ours(String s) {
    return JsonText.quote(s).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyCharacterOfTheBasicPlaneAloneAndBetweenLetters() throws Exception {
    for (int c = 0; c <= 0xffff; c++) {
      String alone = String.valueOf((char) c);
      assertArrayEquals(moshi(alone), ours(alone), () -> "U+" + Integer.toHexString(alone.charAt(0)));
      String between = "a" + alone + "b" + alone;
      assertArrayEquals(moshi(between), ours(between), () -> "U+" + Integer.toHexString(alone.charAt(0)) + " between");
    }
  }

  @Test
  void randomMixesWithPairsLoneSurrogatesAndEscapes() throws Exception {
    Random random = new Random(14);
    char[] pool = {'a', 'Z', '/', '"', '\\', '\t', '\b', '\n', '\r', '\f', '\u0000', '\u001f', '\u007f', 'é', '€',
        '\u2028', '\u2029', '\ud83d', '\ude00', '<', '>', '&', '\'', '='};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int j = 0; j < n; j++) {
        if (random.nextInt(5) == 0) b.append("😀");
        else b.append(pool[random.nextInt(pool.length)]);
      }
      String s = b.toString();
      assertArrayEquals(moshi(s), ours(s), () -> "string " + s.chars().mapToObj(Integer::toHexString).toList());
    }
  }

  @Test
  void theSameStringsAsTheSharedAdapterAndJsonObjectQuote() {
    for (String s : new String[] {"", "plain/path.txt", "q\"b\\s\t\u0001", "line\u2028sep\u2029", "😀é€"}) {
      assertEquals(Json.moshi().adapter(Object.class).toJson(s), JsonText.quote(s));
      assertEquals(JsonText.quote(s), JsonObject.quote(s));
    }
  }
}
