package io.hf4j.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hf4j.core.HfException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A preupload answer of the plain shape is read directly into the same entries the general decoding gives; every
 * other answer goes the general way, with its errors.
 */
class PreuploadAnswerTest {
  private static final String OID = "c52ce5e45984b9378ef6247fe7a45ed72b096b24";

  /** Answers of the plain shape: read directly. */
  private static final List<String> PLAIN = List.of(
      "{\"files\":[{\"path\":\"a.txt\",\"uploadMode\":\"regular\",\"shouldIgnore\":false}],\"commitOid\":\"" + OID + "\"}",
      "{\"files\":[{\"path\":\"a.txt\",\"uploadMode\":\"regular\",\"shouldIgnore\":false,\"oid\":\"" + OID + "\"},"
          + "{\"path\":\"w.bin\",\"uploadMode\":\"lfs\",\"shouldIgnore\":true,\"oid\":null}],\"commitOid\":\"" + OID + "\"}",
      "{\"commitOid\":\"" + OID + "\",\"files\":[{\"oid\":\"x\",\"shouldIgnore\":true,\"uploadMode\":\"lfs\",\"path\":\"d/é \\\"q\\\" \\u2028.bin\"}]}",
      "{\"files\":[]}",
      "{\"files\":[{\"path\":\"p\",\"uploadMode\":\"regular\"}]}",
      "{\"files\":[{\"path\":\"p\",\"uploadMode\":\"regular\",\"oid\":\"1\"},{\"path\":\"p\",\"uploadMode\":\"lfs\",\"oid\":\"2\"}]}",
      " { \"files\" : [ { \"path\" : \"p\" , \"uploadMode\" : \"lfs\" } ] } \n");

  /** Anything else: the general way decides (entries or the error). */
  private static final List<String> OTHER = List.of(
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"regular\",\"extra\":1}]}",
      "{\"files\":[],\"commitOid\":\"" + OID + "\",\"other\":{\"x\":[1]}}",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"regular\",\"path\":\"b\"}]}",
      "{\"files\":[],\"files\":[]}",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"regular\",\"shouldIgnore\":\"true\"}]}",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"regular\",\"shouldIgnore\":null}]}",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"regular\",\"oid\":12}]}",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"xet\"}]}",
      "{\"files\":[{\"uploadMode\":\"regular\"}]}",
      "{\"files\":[{\"path\":7,\"uploadMode\":\"regular\"}]}",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":null}]}",
      "{\"files\":[\"a\",{\"path\":\"b\",\"uploadMode\":\"lfs\"}]}",
      "{\"files\":{}}",
      "{\"commitOid\":\"" + OID + "\"}",
      "{\"files\":[],\"commitOid\":null}",
      "{\"files\":[],\"commitOid\":5}",
      "{\"files\":[]} x",
      "{\"files\":[{\"path\":\"a\",\"uploadMode\":\"regular\"}",
      "",
      "[]",
      "null",
      "{'files':[]}");

  /** What the general decoding gives: the entries and head, or the error's message. */
  private static Object general(String text) {
    try {
      return view(PreuploadAnswer.of(JsonObject.of(JsonObject.parse(text, "preupload"), "preupload")));
    } catch (HfException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static Object parsed(String text) {
    try {
      return view(PreuploadAnswer.parse(text));
    } catch (HfException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  private static Object view(PreuploadAnswer a) {
    return List.of(new TreeMap<>(a.byPath), String.valueOf(a.commitOid));
  }

  @Test
  void thePlainShapeIsReadDirectlyIntoTheSameEntries() {
    for (String text : PLAIN) {
      PreuploadAnswer fast = PreuploadAnswer.fast(text);
      assertNotNull(fast, text);
      assertEquals(general(text), view(fast), text);
      assertEquals(general(text), parsed(text), text);
    }
    PreuploadAnswer two = PreuploadAnswer.fast(PLAIN.get(1));
    assertEquals(Map.of("a.txt", new PreuploadAnswer.Entry("regular", false, OID),
        "w.bin", new PreuploadAnswer.Entry("lfs", true, null)), two.byPath);
    assertEquals(OID, two.commitOid);
    assertEquals(new PreuploadAnswer.Entry("lfs", false, "2"), PreuploadAnswer.fast(PLAIN.get(5)).byPath.get("p"),
        "the last entry of a path, as before");
  }

  @Test
  void everyOtherAnswerGoesTheGeneralWayWithItsErrors() {
    int errors = 0;
    for (String text : OTHER) {
      assertNull(PreuploadAnswer.fast(text), text);
      Object expected = general(text);
      assertEquals(expected, parsed(text), text);
      if (expected instanceof String) errors++;
    }
    // Both outcomes are in the corpus: answers the general way accepts, and its errors.
    assertEquals(true, errors >= 10 && errors < OTHER.size() - 3, errors + " errors of " + OTHER.size());
    assertEquals("HfException: Unexpected answer from the Hub for preupload: improperly formatted file entry"
        + " {path=a, uploadMode=xet}", parsed(OTHER.get(7)));
  }
}
