import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class SourceFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SOURCE_FORMAT_UNSPECIFIED: _ClassVar[SourceFormat]
    SOURCE_FORMAT_PLAIN_TEXT: _ClassVar[SourceFormat]
    SOURCE_FORMAT_NITF: _ClassVar[SourceFormat]
    SOURCE_FORMAT_NEWSML_G2: _ClassVar[SourceFormat]
    SOURCE_FORMAT_NEWSML_1: _ClassVar[SourceFormat]
    SOURCE_FORMAT_NINJS: _ClassVar[SourceFormat]
    SOURCE_FORMAT_AP_MEDIA_JSON: _ClassVar[SourceFormat]
    SOURCE_FORMAT_ANPA_1312: _ClassVar[SourceFormat]
    SOURCE_FORMAT_IPTC_7901: _ClassVar[SourceFormat]
    SOURCE_FORMAT_ATOM: _ClassVar[SourceFormat]
    SOURCE_FORMAT_RSS: _ClassVar[SourceFormat]
    SOURCE_FORMAT_HTML_PAGE: _ClassVar[SourceFormat]
    SOURCE_FORMAT_PAGE_TEXT: _ClassVar[SourceFormat]
    SOURCE_FORMAT_RITZAU_XML: _ClassVar[SourceFormat]

class PubStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PUB_STATUS_UNSPECIFIED: _ClassVar[PubStatus]
    PUB_STATUS_USABLE: _ClassVar[PubStatus]
    PUB_STATUS_WITHHELD: _ClassVar[PubStatus]
    PUB_STATUS_CANCELED: _ClassVar[PubStatus]

class Signal(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SIGNAL_UNSPECIFIED: _ClassVar[Signal]
    SIGNAL_UPDATE: _ClassVar[Signal]
    SIGNAL_CORRECTION: _ClassVar[Signal]
    SIGNAL_KILL: _ClassVar[Signal]

class ClassificationOrigin(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CLASSIFICATION_ORIGIN_UNSPECIFIED: _ClassVar[ClassificationOrigin]
    CLASSIFICATION_ORIGIN_SOURCE: _ClassVar[ClassificationOrigin]
    CLASSIFICATION_ORIGIN_MAPPED: _ClassVar[ClassificationOrigin]
    CLASSIFICATION_ORIGIN_CLASSIFIED: _ClassVar[ClassificationOrigin]
    CLASSIFICATION_ORIGIN_UNCLASSIFIED: _ClassVar[ClassificationOrigin]

class DedupKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEDUP_KIND_UNSPECIFIED: _ClassVar[DedupKind]
    DEDUP_KIND_NEW_STORY: _ClassVar[DedupKind]
    DEDUP_KIND_NEW_VERSION: _ClassVar[DedupKind]
    DEDUP_KIND_OLD_VERSION: _ClassVar[DedupKind]
    DEDUP_KIND_EXACT_DUPLICATE: _ClassVar[DedupKind]
    DEDUP_KIND_NEAR_DUPLICATE: _ClassVar[DedupKind]
    DEDUP_KIND_REPLAY: _ClassVar[DedupKind]
    DEDUP_KIND_CONTAINS_EARLIER: _ClassVar[DedupKind]
SOURCE_FORMAT_UNSPECIFIED: SourceFormat
SOURCE_FORMAT_PLAIN_TEXT: SourceFormat
SOURCE_FORMAT_NITF: SourceFormat
SOURCE_FORMAT_NEWSML_G2: SourceFormat
SOURCE_FORMAT_NEWSML_1: SourceFormat
SOURCE_FORMAT_NINJS: SourceFormat
SOURCE_FORMAT_AP_MEDIA_JSON: SourceFormat
SOURCE_FORMAT_ANPA_1312: SourceFormat
SOURCE_FORMAT_IPTC_7901: SourceFormat
SOURCE_FORMAT_ATOM: SourceFormat
SOURCE_FORMAT_RSS: SourceFormat
SOURCE_FORMAT_HTML_PAGE: SourceFormat
SOURCE_FORMAT_PAGE_TEXT: SourceFormat
SOURCE_FORMAT_RITZAU_XML: SourceFormat
PUB_STATUS_UNSPECIFIED: PubStatus
PUB_STATUS_USABLE: PubStatus
PUB_STATUS_WITHHELD: PubStatus
PUB_STATUS_CANCELED: PubStatus
SIGNAL_UNSPECIFIED: Signal
SIGNAL_UPDATE: Signal
SIGNAL_CORRECTION: Signal
SIGNAL_KILL: Signal
CLASSIFICATION_ORIGIN_UNSPECIFIED: ClassificationOrigin
CLASSIFICATION_ORIGIN_SOURCE: ClassificationOrigin
CLASSIFICATION_ORIGIN_MAPPED: ClassificationOrigin
CLASSIFICATION_ORIGIN_CLASSIFIED: ClassificationOrigin
CLASSIFICATION_ORIGIN_UNCLASSIFIED: ClassificationOrigin
DEDUP_KIND_UNSPECIFIED: DedupKind
DEDUP_KIND_NEW_STORY: DedupKind
DEDUP_KIND_NEW_VERSION: DedupKind
DEDUP_KIND_OLD_VERSION: DedupKind
DEDUP_KIND_EXACT_DUPLICATE: DedupKind
DEDUP_KIND_NEAR_DUPLICATE: DedupKind
DEDUP_KIND_REPLAY: DedupKind
DEDUP_KIND_CONTAINS_EARLIER: DedupKind

class Story(_message.Message):
    __slots__ = ("id", "version", "source_guid", "source_uri", "origin", "agency", "provider", "source_format", "source_url", "headline", "subheadline", "byline", "dateline", "paragraphs", "language", "word_count", "copyright", "keywords", "slugline", "editorial_note", "first_created", "version_created", "embargoed_until", "pub_status", "signal", "urgency", "section", "subjects", "source_section", "fingerprints", "dedup", "credit_line", "family_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_GUID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_URI_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    AGENCY_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FORMAT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_URL_FIELD_NUMBER: _ClassVar[int]
    HEADLINE_FIELD_NUMBER: _ClassVar[int]
    SUBHEADLINE_FIELD_NUMBER: _ClassVar[int]
    BYLINE_FIELD_NUMBER: _ClassVar[int]
    DATELINE_FIELD_NUMBER: _ClassVar[int]
    PARAGRAPHS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    WORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    COPYRIGHT_FIELD_NUMBER: _ClassVar[int]
    KEYWORDS_FIELD_NUMBER: _ClassVar[int]
    SLUGLINE_FIELD_NUMBER: _ClassVar[int]
    EDITORIAL_NOTE_FIELD_NUMBER: _ClassVar[int]
    FIRST_CREATED_FIELD_NUMBER: _ClassVar[int]
    VERSION_CREATED_FIELD_NUMBER: _ClassVar[int]
    EMBARGOED_UNTIL_FIELD_NUMBER: _ClassVar[int]
    PUB_STATUS_FIELD_NUMBER: _ClassVar[int]
    SIGNAL_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SECTION_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINTS_FIELD_NUMBER: _ClassVar[int]
    DEDUP_FIELD_NUMBER: _ClassVar[int]
    CREDIT_LINE_FIELD_NUMBER: _ClassVar[int]
    FAMILY_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    source_guid: str
    source_uri: str
    origin: Origin
    agency: str
    provider: str
    source_format: SourceFormat
    source_url: str
    headline: str
    subheadline: str
    byline: str
    dateline: Dateline
    paragraphs: _containers.RepeatedScalarFieldContainer[str]
    language: str
    word_count: int
    copyright: str
    keywords: _containers.RepeatedScalarFieldContainer[str]
    slugline: str
    editorial_note: str
    first_created: _timestamp_pb2.Timestamp
    version_created: _timestamp_pb2.Timestamp
    embargoed_until: _timestamp_pb2.Timestamp
    pub_status: PubStatus
    signal: Signal
    urgency: int
    section: Section
    subjects: _containers.RepeatedCompositeFieldContainer[Subject]
    source_section: str
    fingerprints: Fingerprints
    dedup: Dedup
    credit_line: str
    family_id: str
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ..., source_guid: _Optional[str] = ..., source_uri: _Optional[str] = ..., origin: _Optional[_Union[Origin, _Mapping]] = ..., agency: _Optional[str] = ..., provider: _Optional[str] = ..., source_format: _Optional[_Union[SourceFormat, str]] = ..., source_url: _Optional[str] = ..., headline: _Optional[str] = ..., subheadline: _Optional[str] = ..., byline: _Optional[str] = ..., dateline: _Optional[_Union[Dateline, _Mapping]] = ..., paragraphs: _Optional[_Iterable[str]] = ..., language: _Optional[str] = ..., word_count: _Optional[int] = ..., copyright: _Optional[str] = ..., keywords: _Optional[_Iterable[str]] = ..., slugline: _Optional[str] = ..., editorial_note: _Optional[str] = ..., first_created: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version_created: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., embargoed_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., pub_status: _Optional[_Union[PubStatus, str]] = ..., signal: _Optional[_Union[Signal, str]] = ..., urgency: _Optional[int] = ..., section: _Optional[_Union[Section, _Mapping]] = ..., subjects: _Optional[_Iterable[_Union[Subject, _Mapping]]] = ..., source_section: _Optional[str] = ..., fingerprints: _Optional[_Union[Fingerprints, _Mapping]] = ..., dedup: _Optional[_Union[Dedup, _Mapping]] = ..., credit_line: _Optional[str] = ..., family_id: _Optional[str] = ...) -> None: ...

class Origin(_message.Message):
    __slots__ = ("topic", "partition", "offset", "timestamp", "key", "content_type", "index")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    topic: str
    partition: int
    offset: int
    timestamp: _timestamp_pb2.Timestamp
    key: str
    content_type: str
    index: int
    def __init__(self, topic: _Optional[str] = ..., partition: _Optional[int] = ..., offset: _Optional[int] = ..., timestamp: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., key: _Optional[str] = ..., content_type: _Optional[str] = ..., index: _Optional[int] = ...) -> None: ...

class Dateline(_message.Message):
    __slots__ = ("place", "date_text", "agency", "text")
    PLACE_FIELD_NUMBER: _ClassVar[int]
    DATE_TEXT_FIELD_NUMBER: _ClassVar[int]
    AGENCY_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    place: str
    date_text: str
    agency: str
    text: str
    def __init__(self, place: _Optional[str] = ..., date_text: _Optional[str] = ..., agency: _Optional[str] = ..., text: _Optional[str] = ...) -> None: ...

class Section(_message.Message):
    __slots__ = ("code", "name", "origin", "confidence", "evidence", "classified_code", "classified_confidence", "low_confidence")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIED_CODE_FIELD_NUMBER: _ClassVar[int]
    CLASSIFIED_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    LOW_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    origin: ClassificationOrigin
    confidence: float
    evidence: str
    classified_code: str
    classified_confidence: float
    low_confidence: bool
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., origin: _Optional[_Union[ClassificationOrigin, str]] = ..., confidence: _Optional[float] = ..., evidence: _Optional[str] = ..., classified_code: _Optional[str] = ..., classified_confidence: _Optional[float] = ..., low_confidence: _Optional[bool] = ...) -> None: ...

class Subject(_message.Message):
    __slots__ = ("scheme", "code", "name", "origin", "confidence")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORIGIN_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    code: str
    name: str
    origin: ClassificationOrigin
    confidence: float
    def __init__(self, scheme: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., origin: _Optional[_Union[ClassificationOrigin, str]] = ..., confidence: _Optional[float] = ...) -> None: ...

class Fingerprints(_message.Message):
    __slots__ = ("content_sha256", "simhash", "minhash", "canonical_words")
    CONTENT_SHA256_FIELD_NUMBER: _ClassVar[int]
    SIMHASH_FIELD_NUMBER: _ClassVar[int]
    MINHASH_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_WORDS_FIELD_NUMBER: _ClassVar[int]
    content_sha256: str
    simhash: int
    minhash: _containers.RepeatedScalarFieldContainer[int]
    canonical_words: int
    def __init__(self, content_sha256: _Optional[str] = ..., simhash: _Optional[int] = ..., minhash: _Optional[_Iterable[int]] = ..., canonical_words: _Optional[int] = ...) -> None: ...

class Dedup(_message.Message):
    __slots__ = ("kind", "duplicate_of", "similarity", "log_offset", "previous_version", "containment", "family_members")
    KIND_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    LOG_OFFSET_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_VERSION_FIELD_NUMBER: _ClassVar[int]
    CONTAINMENT_FIELD_NUMBER: _ClassVar[int]
    FAMILY_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    kind: DedupKind
    duplicate_of: str
    similarity: float
    log_offset: int
    previous_version: int
    containment: float
    family_members: _containers.RepeatedCompositeFieldContainer[FamilyMember]
    def __init__(self, kind: _Optional[_Union[DedupKind, str]] = ..., duplicate_of: _Optional[str] = ..., similarity: _Optional[float] = ..., log_offset: _Optional[int] = ..., previous_version: _Optional[int] = ..., containment: _Optional[float] = ..., family_members: _Optional[_Iterable[_Union[FamilyMember, _Mapping]]] = ...) -> None: ...

class FamilyMember(_message.Message):
    __slots__ = ("id", "version", "kind", "duplicate_of", "log_offset", "story_time", "canonical_words")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    LOG_OFFSET_FIELD_NUMBER: _ClassVar[int]
    STORY_TIME_FIELD_NUMBER: _ClassVar[int]
    CANONICAL_WORDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    kind: DedupKind
    duplicate_of: str
    log_offset: int
    story_time: _timestamp_pb2.Timestamp
    canonical_words: int
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ..., kind: _Optional[_Union[DedupKind, str]] = ..., duplicate_of: _Optional[str] = ..., log_offset: _Optional[int] = ..., story_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., canonical_words: _Optional[int] = ...) -> None: ...
