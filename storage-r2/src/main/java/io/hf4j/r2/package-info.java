/**
 * Cloudflare R2 object storage over the S3 API, on hf4j's shared HTTP stack, with AWS Signature
 * Version 4 computed by hf4j itself (no AWS SDK).
 *
 * <pre>{@code
 * R2Client r2 = R2Client.create(R2Config.fromEnv());      // R2_ACCOUNT_ID, R2_ACCESS_KEY_ID, ...
 * r2.putObject("looks/42.png", png, PutObjectParams.builder().contentType("image/png").build());
 * URI shown = r2.publicUrl("looks/42.png");                 // served from R2_PUBLIC_URL
 * PresignedUrl upload = r2.presignPutObject("inbox/photo.jpg", Duration.ofMinutes(10));
 * r2.putObject("checkpoints/step-500.bin", Path.of("step-500.bin"));  // multipart above 64 MiB
 * try (ObjectContent in = r2.getObject("looks/42.png", ByteRange.of(0, 1023))) {
 *   byte[] head = in.readAllBytes();
 * } catch (NoSuchKeyException e) {
 *   // not there
 * }
 * }</pre>
 *
 * <p>Entry points: {@link io.hf4j.r2.R2Config} and {@link io.hf4j.r2.R2Client}. Errors are hf4j's
 * exceptions, with R2's own where core's do not say enough: {@link io.hf4j.r2.NoSuchKeyException},
 * {@link io.hf4j.r2.NoSuchBucketException}, {@link io.hf4j.r2.NoSuchUploadException}, {@link
 * io.hf4j.r2.AccessDeniedException}, {@link io.hf4j.r2.SignatureDoesNotMatchException} and {@link
 * io.hf4j.r2.InvalidAccessKeyIdException}.
 */
@NullMarked
package io.hf4j.r2;

import org.jspecify.annotations.NullMarked;
