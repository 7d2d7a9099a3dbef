/**
 * Running user-supplied ONNX models on the host's ONNX Runtime: {@link dev.braid.platform.onnx.OnnxModel} (one
 * float input, checked names, batched runs, thread-safe, shared by SHA-256),
 * {@link dev.braid.platform.onnx.OnnxMediaEncoder} (the per-item reporting and batching of encoders that run one) and
 * {@link dev.braid.platform.onnx.Vectors}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.braid.platform.onnx;
