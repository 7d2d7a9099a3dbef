/**
 * The media decoders every encoder shares, so an item's image or audio fails or passes the same way whichever
 * encoder reads it: {@link dev.braid.platform.media.ImageDecoder} (EXIF orientation, CMYK/YCCK JPEG, 16-bit and
 * grey images, a pixel limit checked before decoding) and {@link dev.braid.platform.media.AudioDecoder} (WAV, AIFF,
 * MP3; resampled mono). Failures are {@link dev.braid.platform.media.DecodeException}s naming the file.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.braid.platform.media;
