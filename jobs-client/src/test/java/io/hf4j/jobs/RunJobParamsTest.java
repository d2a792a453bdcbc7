package io.hf4j.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hf4j.core.HfValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJobParamsTest {
  private static RunJobParams.Builder hi() {
    return RunJobParams.builder().image("python:3.12").command("python", "-c", "print('hi')");
  }

  @Test
  void defaultNameFollowsThePythonRuleForDockerImages() {
    assertEquals("python-3-12-5c1fcc4a", hi().build().name());
    assertEquals("python-3-12-5c1fcc4a", hi().build().labels().get("name"));
  }

  @Test
  void defaultNameOfARegistryImageKeepsTheLastPathPart() {
    RunJobParams spec = RunJobParams.builder().image("ghcr.io/astral-sh/uv:python3.12-bookworm").command("uv", "--version").build();
    assertTrue(spec.name().startsWith("uv-python3-12-bookworm-"), spec.name());
    assertEquals(8, spec.name().length() - "uv-python3-12-bookworm-".length());
  }

  @Test
  void spaceImageFormsAreParsedLikePython() {
    for (String prefix : List.of("https://huggingface.co/spaces/", "https://hf.co/spaces/", "huggingface.co/spaces/", "hf.co/spaces/")) {
      RunJobParams spec = RunJobParams.builder().image(prefix + "lhoestq/duckdb").command("duckdb").build();
      assertEquals("lhoestq/duckdb", spec.spaceId(), prefix);
      assertNull(spec.dockerImage());
      assertTrue(spec.name().startsWith("lhoestq-duckdb-"), spec.name());
    }
    RunJobParams docker = RunJobParams.builder().image("spaces/lhoestq/duckdb").command("x").build();
    assertEquals("spaces/lhoestq/duckdb", docker.dockerImage());
  }

  @Test
  void explicitSpaceAndPrefixedImageGiveTheSameName() {
    assertEquals(RunJobParams.builder().space("lhoestq/duckdb").command("duckdb").build().name(),
        RunJobParams.builder().image("hf.co/spaces/lhoestq/duckdb").command("duckdb").build().name());
  }

  @Test
  void uvJobDefaultNameFollowsThePythonRule() {
    assertEquals("my_script-74887813", RunUvJobParams.defaultName("my_script.py", List.of("--epochs", "3")));
    assertTrue(RunUvJobParams.defaultName("https://x.org/a/sft.py?download=1#frag", List.of()).startsWith("sft-"));
  }

  @Test
  void explicitNameIsSentAsTheNameLabelAfterTheOthers() {
    RunJobParams spec = hi().label("env", "prod").name("train").build();
    assertEquals(List.of("env", "name"), List.copyOf(spec.labels().keySet()));
    assertEquals("train", spec.name());
  }

  @Test
  void nameLabelWinsOverTheDefault() {
    assertEquals("mine", hi().label("name", "mine").build().name());
  }

  @Test
  void nameGivenTwiceIsRefused() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> hi().name("a").label("name", "b").build());
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }

  @Test
  void emptyCommandIsRefused() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> RunJobParams.builder().image("python:3.12").build());
    assertTrue(e.getMessage().contains("command must not be empty"), e.getMessage());
  }

  @Test
  void bothImageAndSpaceAreRefused() {
    HfValidationException e = assertThrows(HfValidationException.class,
        () -> RunJobParams.builder().dockerImage("python:3.12").space("a/b").command("x").build());
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }

  @Test
  void neitherImageNorSpaceIsRefused() {
    HfValidationException e = assertThrows(HfValidationException.class, () -> RunJobParams.builder().command("x").build());
    assertTrue(e.getMessage().contains("needs an image"), e.getMessage());
  }

  @Test
  void malformedSpaceIdIsRefused() {
    assertThrows(HfValidationException.class, () -> RunJobParams.builder().space("noslash").command("x").build());
  }

  @Test
  void timeoutStringsAreParsedLikePython() {
    assertEquals(Duration.ofSeconds(5400), RunJobParams.parseTimeout("90m"));
    assertEquals(Duration.ofSeconds(5400), RunJobParams.parseTimeout("1.5h"));
    assertEquals(Duration.ofHours(2), RunJobParams.parseTimeout("2h"));
    assertEquals(Duration.ofSeconds(300), RunJobParams.parseTimeout("300"));
    assertEquals(Duration.ofSeconds(30), RunJobParams.parseTimeout("30s"));
    assertEquals(Duration.ofDays(1), RunJobParams.parseTimeout("1d"));
    assertEquals(Duration.ofSeconds(1), RunJobParams.parseTimeout("1.9s"));
  }

  @Test
  void malformedTimeoutStringsAreRefused() {
    for (String bad : List.of("1.5", "5M", "-1h", "h", "", "ten minutes", "1e3s", "2H")) {
      HfValidationException e = assertThrows(HfValidationException.class, () -> RunJobParams.parseTimeout(bad), bad);
      assertTrue(e.getMessage().contains("timeout"), e.getMessage());
    }
    assertThrows(HfValidationException.class, () -> hi().timeout("90 minutes"));
    assertThrows(HfValidationException.class, () -> hi().timeout(Duration.ofMillis(500)));
    assertThrows(HfValidationException.class, () -> hi().timeout(Duration.ofSeconds(-1)));
  }

  @Test
  void withoutTimeoutTheServerDefaultIsVisible() {
    RunJobParams spec = hi().build();
    assertTrue(spec.usesDefaultTimeout());
    assertNull(spec.timeout());
    assertEquals(Duration.ofMinutes(30), spec.effectiveTimeout());
    RunJobParams timed = hi().timeout("2h").build();
    assertFalse(timed.usesDefaultTimeout());
    assertEquals(Duration.ofHours(2), timed.effectiveTimeout());
    assertTrue(hi().timeout("0").build().usesDefaultTimeout());
  }

  @Test
  void malformedLabelsAreRefused() {
    assertThrows(HfValidationException.class, () -> hi().label("bad key", "x").build());
    assertThrows(HfValidationException.class, () -> hi().label("k", "a/b").build());
    assertThrows(HfValidationException.class, () -> hi().label("k", "x".repeat(101)).build());
  }

  @Test
  void toStringShowsNoSecretValues() {
    RunJobParams spec = hi().secret("HF_TOKEN", "hf_secretvalue").env("A", "envvalue").build();
    assertFalse(spec.toString().contains("hf_secretvalue"), spec.toString());
    assertFalse(spec.toString().contains("envvalue"), spec.toString());
    assertTrue(spec.toString().contains("HF_TOKEN"));
  }

  @Test
  void toBuilderKeepsEverything() {
    RunJobParams spec = hi().timeout("1h").env("A", "1").secret("S", "2").volume(JobVolume.dataset("a/b", "/data")).build();
    RunJobParams copy = spec.toBuilder().build();
    assertEquals(spec.toJson(), copy.toJson());
  }

  @Test
  void uvCommandIsBuiltAsTheProtocolSays() {
    RunUvJobParams spec = RunUvJobParams.builder("https://example.com/sft.py")
        .dependencies("trl", "peft").python("3.12").scriptArgs("--model_name_or_path", "Qwen/Qwen2-0.5B").build();
    assertEquals(List.of("uv", "run", "--with", "trl", "--with", "peft", "--python", "3.12", "https://example.com/sft.py",
        "--model_name_or_path", "Qwen/Qwen2-0.5B"), spec.toRunJobParams().command());
    assertEquals(RunUvJobParams.DEFAULT_IMAGE, spec.toRunJobParams().dockerImage());
    assertTrue(spec.toRunJobParams().name().startsWith("sft-"), spec.toRunJobParams().name());
  }

  @Test
  void uvJobRefusesLocalScripts(@TempDir Path dir) throws Exception {
    Path script = Files.writeString(dir.resolve("train.py"), "print(1)");
    HfValidationException e = assertThrows(HfValidationException.class, () -> RunUvJobParams.builder(script.toString()).build());
    assertTrue(e.getMessage().contains("local file"), e.getMessage());
    HfValidationException missing = assertThrows(HfValidationException.class, () -> RunUvJobParams.builder("missing_script.py").build());
    assertTrue(missing.getMessage().contains("URL"), missing.getMessage());
    RunUvJobParams mounted = RunUvJobParams.builder("/scripts/train.py").volume(JobVolume.dataset("a/scripts", "/scripts")).build();
    assertEquals("/scripts/train.py", mounted.toRunJobParams().command().get(2));
    assertEquals(Map.of(), RunUvJobParams.builder("python").scriptArgs("-c", "print(1)").build().toRunJobParams().environment());
  }

  @Test
  void scheduleIsValidated() {
    assertEquals("@hourly", CreateScheduledJobParams.checkSchedule("@hourly"));
    assertEquals("0 9 * * 1", CreateScheduledJobParams.checkSchedule("0  9 * * 1"));
    assertEquals("*/5 * * * *", CreateScheduledJobParams.checkSchedule("*/5 * * * *"));
    assertTrue(assertThrows(HfValidationException.class, () -> CreateScheduledJobParams.checkSchedule("hourly")).getMessage().contains("@hourly"));
    assertThrows(HfValidationException.class, () -> CreateScheduledJobParams.checkSchedule("@often"));
    assertThrows(HfValidationException.class, () -> CreateScheduledJobParams.checkSchedule("0 9 * *"));
    assertThrows(HfValidationException.class, () -> CreateScheduledJobParams.builder("@daily", hi().ssh(true).build()));
  }
}
