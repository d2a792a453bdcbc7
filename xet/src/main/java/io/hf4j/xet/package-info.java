/**
 * Hugging Face's Xet storage: content-defined chunking ({@link io.hf4j.xet.GearChunker}), Xet hashes
 * ({@link io.hf4j.xet.XetHash}, {@link io.hf4j.xet.XetHashing}), xorbs and shards, the CAS client
 * ({@link io.hf4j.xet.CasClient}), uploads ({@link io.hf4j.xet.XetUploadSession}) and downloads
 * ({@link io.hf4j.xet.XetDownloader}). The Hub client uses it for repos stored on Xet; most programs never
 * call it directly.
 */
@NullMarked
package io.hf4j.xet;

import org.jspecify.annotations.NullMarked;
