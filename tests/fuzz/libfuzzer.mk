# Builds the fuzz targets with clang's libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer straight from the sources (Bazel builds with
# gcc, which has no libFuzzer). Used by run_libfuzzer.sh:
#
#   make -f tests/fuzz/libfuzzer.mk WS=/abs/workspace OUT=/abs/build/dir \
#        FAMILIES="xml json wire_text normalizer" -j2
#
# gives $(OUT)/bin/<family>_fuzzer. Incremental: objects are rebuilt when a
# source or any header it includes changes (-MMD). Every non-test .cc of
# services/ingest/normalize goes into one archive, so new parser files are
# picked up without editing this file.

ifndef WS
$(error WS (the workspace root) is not set)
endif
ifndef OUT
$(error OUT (the build directory) is not set)
endif

FAMILIES ?= xml json wire_text normalizer
CLANGXX ?= clang++
AR ?= ar

ABSL_MODULES := absl_strings absl_status absl_statusor absl_str_format absl_time \
                absl_synchronization absl_hash absl_raw_hash_set absl_cord
SANITIZERS := -fsanitize=address,undefined -fno-sanitize-recover=undefined
CXXFLAGS := -std=c++17 -O1 -g -fno-omit-frame-pointer $(SANITIZERS) \
            -fsanitize=fuzzer-no-link -DSIMDJSON_EXCEPTIONS=0 -w \
            -I$(WS) -I$(OUT)/gen -I/usr/include/libxml2 \
            $(shell pkg-config --cflags $(ABSL_MODULES) protobuf)
LDLIBS := -lprotobuf -lxml2 -lgumbo -lsimdjson -lutf8proc -lcld2 -lxxhash -lssl -lcrypto \
          $(shell pkg-config --libs $(ABSL_MODULES)) -lpthread

PROTO := $(WS)/proto/newswire/v1/story.proto
PROTO_CC := $(OUT)/gen/newswire/v1/story.pb.cc
# normalize/ and its family folders, and what they use from common/ (the
# library is static: objects nothing references are not linked).
LIB_SRCS := $(filter-out %_test.cc %_testing.cc %_benchmark.cc,\
              $(wildcard $(WS)/services/ingest/normalize/*.cc \
                         $(WS)/services/ingest/normalize/*/*.cc \
                         $(WS)/services/ingest/common/*.cc \
                         $(WS)/services/ingest/common/text/*.cc)) \
            $(WS)/tests/fuzz/fuzz_invariants.cc \
            $(WS)/tests/fuzz/format_parser_fuzz.cc
# The provider table is compiled in, as Bazel's genrule does with embed_data.
PROVIDERS_CC := $(OUT)/gen/default_provider_profiles_data.cc
LIB_OBJS := $(patsubst $(WS)/%.cc,$(OUT)/obj/%.o,$(LIB_SRCS)) $(OUT)/obj/gen/story.pb.o \
            $(OUT)/obj/gen/default_provider_profiles_data.o
LIBRARY := $(OUT)/libnewswire_fuzz.a
FUZZERS := $(foreach family,$(FAMILIES),$(OUT)/bin/$(family)_fuzzer)

.PHONY: all
all: $(FUZZERS)

$(PROTO_CC): $(PROTO)
	@mkdir -p $(OUT)/gen
	protoc -I$(WS)/proto -I/usr/include --cpp_out=$(OUT)/gen $(PROTO)

# Every object may include the generated header.
$(OUT)/obj/%.o: $(WS)/%.cc | $(PROTO_CC)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

$(OUT)/bin/embed_data: $(WS)/services/ingest/tag/embed_data.cc $(WS)/services/ingest/common/file.cc
	@mkdir -p $(dir $@)
	$(CLANGXX) -std=c++17 -O1 -w -I$(WS) $(shell pkg-config --cflags $(ABSL_MODULES)) $^ -o $@ \
	  $(shell pkg-config --libs $(ABSL_MODULES))

$(PROVIDERS_CC): $(WS)/services/ingest/normalize/data/providers.tsv $(OUT)/bin/embed_data
	@mkdir -p $(dir $@)
	$(OUT)/bin/embed_data $< $@ DefaultProviderProfilesTsv services/ingest/normalize/default_provider_profiles.h

$(OUT)/obj/gen/default_provider_profiles_data.o: $(PROVIDERS_CC)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

$(OUT)/obj/gen/story.pb.o: $(PROTO_CC)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

$(LIBRARY): $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $^

$(OUT)/bin/%_fuzzer: $(OUT)/obj/tests/fuzz/%_fuzz_target.o $(LIBRARY)
	@mkdir -p $(dir $@)
	$(CLANGXX) $(SANITIZERS) -fsanitize=fuzzer $< $(LIBRARY) $(LDLIBS) -o $@

.SECONDARY:
-include $(shell find $(OUT)/obj -name '*.d' 2>/dev/null)
