package com.verk.sdk;

/**
 * The typed {@code data} of an event. The group of the event name decides the type: {@code task.*}
 * is {@link TaskData}, {@code project.*} {@link ProjectData}, {@code member.*} {@link MemberData},
 * {@code comment.*} {@link CommentData}, {@code file.*} {@link FileData}, the operational {@code
 * webhook.*} {@link WebhookAlertData}; an event type this SDK does not know yet is {@link
 * UnknownData}. Fields that are not in this SDK's records are ignored but stay readable through
 * {@link WebhookEvent#rawData()}.
 */
public sealed interface EventData
    permits TaskData,
        ProjectData,
        MemberData,
        CommentData,
        FileData,
        WebhookAlertData,
        UnknownData {}
