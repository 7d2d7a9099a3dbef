#!/usr/bin/env python3
"""Writes the small ONNX models the onnx-image and onnx-audio encoder tests use.

No `onnx` package is needed: the ONNX protobuf messages are encoded by hand below (ONNX IR 7, opset 13), and the
weights come from numpy with a fixed seed. Run from this folder: python3 make_models.py
The image model goes to this folder, the audio model to modality-audio's test resources (AUDIO_DIR).

tiny-image.onnx   input "pixels" float[N,3,8,8] (NCHW)
                  -> GlobalAveragePool -> Flatten -> MatMul W[3,4] + b -> output "embedding" float[N,4]
                  -> Relu -> output "activated" float[N,4]
tiny-audio.onnx   input "mel" float[N,16,T] (log-mel, T frames, dynamic)
                  -> ReduceMean over time -> MatMul W[16,6] -> output "embedding" float[N,6]
The weights are also written as .npy files, so tests can compute the expected output independently.
"""
import struct
import numpy as np

AUDIO_DIR = "../../../../../modality-audio/src/test/resources/onnx/"


def varint(n):
    out = bytearray()
    n &= (1 << 64) - 1
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint((field << 3) | wire)


def f_int(field, n):
    return key(field, 0) + varint(n)


def f_bytes(field, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return key(field, 2) + varint(len(data)) + data


def tensor(name, array):
    array = np.ascontiguousarray(array, dtype="<f4")
    msg = b"".join(f_int(1, d) for d in array.shape)
    msg += f_int(2, 1)  # FLOAT
    msg += f_bytes(8, name)
    msg += f_bytes(9, array.tobytes())
    return msg


def value_info(name, dims):
    shape = b""
    for d in dims:
        dim = f_bytes(2, d) if isinstance(d, str) else f_int(1, d)
        shape += f_bytes(1, dim)
    tensor_type = f_int(1, 1) + f_bytes(2, shape)
    return f_bytes(1, name) + f_bytes(2, f_bytes(1, tensor_type))


def attr_int(name, v):
    return f_bytes(1, name) + f_int(20, 2) + f_int(3, v)


def attr_ints(name, vs):
    return f_bytes(1, name) + f_int(20, 7) + b"".join(f_int(8, v) for v in vs)


def node(op, inputs, outputs, name, attrs=()):
    msg = b"".join(f_bytes(1, i) for i in inputs) + b"".join(f_bytes(2, o) for o in outputs)
    msg += f_bytes(3, name) + f_bytes(4, op)
    msg += b"".join(f_bytes(5, a) for a in attrs)
    return msg


def model(graph_name, nodes, initializers, inputs, outputs):
    graph = b"".join(f_bytes(1, n) for n in nodes) + f_bytes(2, graph_name)
    graph += b"".join(f_bytes(5, t) for t in initializers)
    graph += b"".join(f_bytes(11, v) for v in inputs) + b"".join(f_bytes(12, v) for v in outputs)
    opset = f_bytes(1, "") + f_int(2, 13)
    return f_int(1, 7) + f_bytes(2, "braid make_models.py") + f_bytes(7, graph) + f_bytes(8, opset)


def main():
    rng = np.random.default_rng(20240607)
    w_img = rng.normal(size=(3, 4)).astype(np.float32)
    b_img = rng.normal(size=(4,)).astype(np.float32)
    image = model("tiny-image", [
        node("GlobalAveragePool", ["pixels"], ["pooled"], "pool"),
        node("Flatten", ["pooled"], ["flat"], "flatten", [attr_int("axis", 1)]),
        node("MatMul", ["flat", "w"], ["proj"], "proj"),
        node("Add", ["proj", "b"], ["embedding"], "bias"),
        node("Relu", ["embedding"], ["activated"], "relu"),
    ], [tensor("w", w_img), tensor("b", b_img)],
        [value_info("pixels", ["N", 3, 8, 8])],
        [value_info("embedding", ["N", 4]), value_info("activated", ["N", 4])])
    with open("tiny-image.onnx", "wb") as f:
        f.write(image)
    np.save("tiny-image-w.npy", w_img)
    np.save("tiny-image-b.npy", b_img)

    w_aud = rng.normal(size=(16, 6)).astype(np.float32)
    audio = model("tiny-audio", [
        node("ReduceMean", ["mel"], ["avg"], "mean_over_time", [attr_ints("axes", [2]), attr_int("keepdims", 0)]),
        node("MatMul", ["avg", "w"], ["embedding"], "proj"),
    ], [tensor("w", w_aud)],
        [value_info("mel", ["N", 16, "T"])],
        [value_info("embedding", ["N", 6])])
    with open(AUDIO_DIR + "tiny-audio.onnx", "wb") as f:
        f.write(audio)
    np.save(AUDIO_DIR + "tiny-audio-w.npy", w_aud)


if __name__ == "__main__":
    main()
