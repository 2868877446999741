import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from newswire.v1 import story_pb2 as _story_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EventKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EVENT_KIND_UNSPECIFIED: _ClassVar[EventKind]
    EVENT_KIND_NEW_STORY: _ClassVar[EventKind]
    EVENT_KIND_NEW_VERSION: _ClassVar[EventKind]
    EVENT_KIND_CORRECTION: _ClassVar[EventKind]
    EVENT_KIND_KILL: _ClassVar[EventKind]
    EVENT_KIND_DUPLICATE: _ClassVar[EventKind]
    EVENT_KIND_OLD_VERSION: _ClassVar[EventKind]
    EVENT_KIND_HEARTBEAT: _ClassVar[EventKind]
    EVENT_KIND_FULLER_TEXT: _ClassVar[EventKind]
EVENT_KIND_UNSPECIFIED: EventKind
EVENT_KIND_NEW_STORY: EventKind
EVENT_KIND_NEW_VERSION: EventKind
EVENT_KIND_CORRECTION: EventKind
EVENT_KIND_KILL: EventKind
EVENT_KIND_DUPLICATE: EventKind
EVENT_KIND_OLD_VERSION: EventKind
EVENT_KIND_HEARTBEAT: EventKind
EVENT_KIND_FULLER_TEXT: EventKind

class StoryFilter(_message.Message):
    __slots__ = ("sections", "agencies", "languages", "min_urgency")
    SECTIONS_FIELD_NUMBER: _ClassVar[int]
    AGENCIES_FIELD_NUMBER: _ClassVar[int]
    LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    MIN_URGENCY_FIELD_NUMBER: _ClassVar[int]
    sections: _containers.RepeatedScalarFieldContainer[str]
    agencies: _containers.RepeatedScalarFieldContainer[str]
    languages: _containers.RepeatedScalarFieldContainer[str]
    min_urgency: int
    def __init__(self, sections: _Optional[_Iterable[str]] = ..., agencies: _Optional[_Iterable[str]] = ..., languages: _Optional[_Iterable[str]] = ..., min_urgency: _Optional[int] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("after_cursor", "from_time", "from_beginning", "from_now", "filter", "include_duplicates", "heartbeat_seconds", "include_minhash", "newest_fullest_per_family")
    AFTER_CURSOR_FIELD_NUMBER: _ClassVar[int]
    FROM_TIME_FIELD_NUMBER: _ClassVar[int]
    FROM_BEGINNING_FIELD_NUMBER: _ClassVar[int]
    FROM_NOW_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    HEARTBEAT_SECONDS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_MINHASH_FIELD_NUMBER: _ClassVar[int]
    NEWEST_FULLEST_PER_FAMILY_FIELD_NUMBER: _ClassVar[int]
    after_cursor: int
    from_time: _timestamp_pb2.Timestamp
    from_beginning: bool
    from_now: bool
    filter: StoryFilter
    include_duplicates: bool
    heartbeat_seconds: int
    include_minhash: bool
    newest_fullest_per_family: bool
    def __init__(self, after_cursor: _Optional[int] = ..., from_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., from_beginning: _Optional[bool] = ..., from_now: _Optional[bool] = ..., filter: _Optional[_Union[StoryFilter, _Mapping]] = ..., include_duplicates: _Optional[bool] = ..., heartbeat_seconds: _Optional[int] = ..., include_minhash: _Optional[bool] = ..., newest_fullest_per_family: _Optional[bool] = ...) -> None: ...

class StoryEvent(_message.Message):
    __slots__ = ("cursor", "kind", "story", "log_time")
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STORY_FIELD_NUMBER: _ClassVar[int]
    LOG_TIME_FIELD_NUMBER: _ClassVar[int]
    cursor: int
    kind: EventKind
    story: _story_pb2.Story
    log_time: _timestamp_pb2.Timestamp
    def __init__(self, cursor: _Optional[int] = ..., kind: _Optional[_Union[EventKind, str]] = ..., story: _Optional[_Union[_story_pb2.Story, _Mapping]] = ..., log_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StoryEventBatch(_message.Message):
    __slots__ = ("events",)
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[StoryEvent]
    def __init__(self, events: _Optional[_Iterable[_Union[StoryEvent, _Mapping]]] = ...) -> None: ...

class GetStoryRequest(_message.Message):
    __slots__ = ("id", "version", "include_family")
    ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_FAMILY_FIELD_NUMBER: _ClassVar[int]
    id: str
    version: int
    include_family: bool
    def __init__(self, id: _Optional[str] = ..., version: _Optional[int] = ..., include_family: _Optional[bool] = ...) -> None: ...

class ListStoriesRequest(_message.Message):
    __slots__ = ("start_time", "end_time", "filter", "page_size", "page_token", "include_killed")
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_KILLED_FIELD_NUMBER: _ClassVar[int]
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    filter: StoryFilter
    page_size: int
    page_token: str
    include_killed: bool
    def __init__(self, start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., filter: _Optional[_Union[StoryFilter, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., include_killed: _Optional[bool] = ...) -> None: ...

class ListStoriesResponse(_message.Message):
    __slots__ = ("stories", "next_page_token")
    STORIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    stories: _containers.RepeatedCompositeFieldContainer[_story_pb2.Story]
    next_page_token: str
    def __init__(self, stories: _Optional[_Iterable[_Union[_story_pb2.Story, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
