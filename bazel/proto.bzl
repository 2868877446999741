"""nw_proto_library: C++ (and gRPC) code generation for one proto package.

    nw_proto_library(name = "v1", srcs = ["story.proto", ...], grpc = True)

runs the system `protoc` (and `grpc_cpp_plugin` when grpc = True) over the
package's .proto files and wraps the generated code in one cc_library. Protos
are imported, and generated headers included, relative to the `proto/` root:
`import "newswire/v1/story.proto"`, `#include "newswire/v1/story.pb.h"`.
"""

_PROTO_ROOT = "proto"

def nw_proto_library(name, srcs, deps = [], grpc = False, visibility = None):
    """Declares <name> (cc_library) and <name>_protos (the .proto files).

    Args:
      name: the cc_library's name.
      srcs: .proto files of this package.
      deps: other nw_proto_library targets whose protos these import.
      grpc: also generate gRPC service code and link gRPC.
      visibility: visibility of both targets.
    """
    bases = [s[:-len(".proto")] for s in srcs]
    outs = [b + ".pb.h" for b in bases] + [b + ".pb.cc" for b in bases]
    if grpc:
        outs += [b + ".grpc.pb.h" for b in bases] + [b + ".grpc.pb.cc" for b in bases]

    native.filegroup(
        name = name + "_protos",
        srcs = srcs + [d + "_protos" for d in deps],
        visibility = visibility,
    )

    cmd = ("protoc -I" + _PROTO_ROOT + " -I/usr/include --cpp_out=$(GENDIR)/" + _PROTO_ROOT)
    if grpc:
        cmd += (" --grpc_out=$(GENDIR)/" + _PROTO_ROOT +
                " --plugin=protoc-gen-grpc=$$(command -v grpc_cpp_plugin)")
    cmd += " " + " ".join(["$(location %s)" % s for s in srcs])

    native.genrule(
        name = name + "_gen",
        srcs = srcs + [name + "_protos"],
        outs = outs,
        cmd = cmd,
        message = "protoc " + native.package_name(),
    )

    native.cc_library(
        name = name,
        srcs = [o for o in outs if o.endswith(".cc")],
        hdrs = [o for o in outs if o.endswith(".h")],
        strip_include_prefix = "/" + _PROTO_ROOT,
        deps = deps + ["@system//:protobuf"] + (["@system//:grpc"] if grpc else []),
        visibility = visibility,
    )
