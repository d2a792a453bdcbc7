package io.hf4j.spaces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfIoException;
import io.hf4j.core.HfValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
  @Test
  void commentsBlankLinesAndExportPrefix() {
    Map<String, String> env = EnvFile.parse("# top comment\n\nexport A=1\n  B = two  \n#C=3\n");
    assertEquals(Map.of("A", "1", "B", "two"), env);
  }

  @Test
  void commaSeparatedValuesStayOneString() {
    assertEquals("a,b, c", EnvFile.parse("HOSTS=a,b, c").get("HOSTS"));
    assertEquals("x,y", EnvFile.parse("LIST=\"x,y\"").get("LIST"));
  }

  @Test
  void quotesAndInlineComments() {
    Map<String, String> env = EnvFile.parse(String.join("\n",
        "PLAIN=value # a comment",
        "HASH=abc#def",
        "STARTS=#notacomment",
        "DQ=\"has # hash\" # trailing comment",
        "SQ='single $literal \\n'",
        "ESC=\"line1\\nline2 \\\"q\\\" \\\\\"",
        "EMPTY=",
        "EMPTYQ=\"\"",
        "SPACED='  kept  '"));
    assertEquals("value", env.get("PLAIN"));
    assertEquals("abc#def", env.get("HASH"));
    assertEquals("#notacomment", env.get("STARTS"));
    assertEquals("has # hash", env.get("DQ"));
    assertEquals("single $literal \\n", env.get("SQ"));
    assertEquals("line1\nline2 \"q\" \\", env.get("ESC"));
    assertEquals("", env.get("EMPTY"));
    assertEquals("", env.get("EMPTYQ"));
    assertEquals("  kept  ", env.get("SPACED"));
  }

  @Test
  void multiLineQuotedValue() {
    Map<String, String> env = EnvFile.parse("KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\"\nNEXT=1\r\n");
    assertEquals("-----BEGIN KEY-----\nabc\n-----END KEY-----", env.get("KEY"));
    assertEquals("1", env.get("NEXT"));
    assertEquals(List.of("KEY", "NEXT"), List.copyOf(env.keySet()));
  }

  @Test
  void laterKeyWins() {
    assertEquals("2", EnvFile.parse("A=1\nA=2").get("A"));
  }

  @Test
  void errorsNameTheLineButNeverTheValue() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> EnvFile.parse("A=1\nnot a pair\n"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    HfValidationException q = assertThrows(HfValidationException.class, () -> EnvFile.parse("A=1\nSECRET=\"hunter2-unterminated\n"));
    assertTrue(q.getMessage().contains("line 2") && q.getMessage().contains("SECRET"), q.getMessage());
    assertFalse(q.getMessage().contains("hunter2"));
    assertThrows(HfValidationException.class, () -> EnvFile.parse("1A=x"));
    assertThrows(HfValidationException.class, () -> EnvFile.parse("A=\"x\" junk"));
  }

  @Test
  void missingFileIsAnIoError(@TempDir Path dir) {
    assertThrows(HfIoException.class, () -> EnvFile.read(dir.resolve("nope.env")));
  }
}
