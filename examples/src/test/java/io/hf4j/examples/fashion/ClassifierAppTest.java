package io.hf4j.examples.fashion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ClassifierAppTest {
  @Test
  void readsTheImagenFieldOfAMultipartFormAsOkHttpWritesIt() throws Exception {
    byte[] image = {1, 2, 13, 10, 3, '-', '-'};
    MultipartBody form = new MultipartBody.Builder("b0und4ry")
        .setType(MultipartBody.FORM)
        .addFormDataPart("other", "x")
        .addFormDataPart("imagen", "g.png", RequestBody.create(image, MediaType.get("image/png")))
        .build();
    Buffer body = new Buffer();
    form.writeTo(body);
    byte[] bytes = body.readByteArray();
    assertArrayEquals(image, ClassifierApp.part(bytes, "b0und4ry", "imagen"));
    assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), ClassifierApp.part(bytes, "b0und4ry", "other"));
    assertNull(ClassifierApp.part(bytes, "b0und4ry", "image"));
  }
}
