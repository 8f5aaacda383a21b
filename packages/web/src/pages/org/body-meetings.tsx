import { useState } from 'react';
import { Button, Empty, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { meetingKindLabel, type BodyDetail, type Meeting } from '@minewatch/core';
import { useLabel, useT } from '../../i18n';
import { RecordMeetingModal } from './record-meeting-modal';

/** 会议记录: meetings of the body, newest first, with 记录会议 for writers. */
export function BodyMeetings({ body, canWrite }: { body: BodyDetail; canWrite: boolean }) {
  const t = useT();
  const label = useLabel();
  const [recording, setRecording] = useState(false);
  const meetings = [...body.meetings].sort(
    (a, b) => b.heldOn.localeCompare(a.heldOn) || b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <section aria-labelledby="meetings-heading" className="body-section">
      <div className="section-header">
        <Typography.Title level={2} id="meetings-heading" className="section-title">
          {t('body.meetings')}
        </Typography.Title>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
            {t('body.recordMeeting')}
          </Button>
        ) : null}
      </div>
      {meetings.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('body.noMeetings')} />
      ) : (
        <ol className="meeting-list">
          {meetings.map((m) => (
            <MeetingItem key={m.id} meeting={m} kindLabel={label(meetingKindLabel[m.kind])} />
          ))}
        </ol>
      )}
      {canWrite ? <RecordMeetingModal open={recording} onClose={() => setRecording(false)} body={body} /> : null}
    </section>
  );
}

function MeetingItem({ meeting, kindLabel }: { meeting: Meeting; kindLabel: string }) {
  const t = useT();
  return (
    <li className="meeting-item">
      <article>
        <header className="meeting-header">
          <time dateTime={meeting.heldOn} className="meeting-date">
            {meeting.heldOn}
          </time>
          <Tag>{kindLabel}</Tag>
          <h3 className="meeting-title">{meeting.title}</h3>
        </header>
        {meeting.attendees.length > 0 ? (
          <p className="meeting-attendees">
            <span className="meeting-label">{t('body.attendees')}：</span>
            {meeting.attendees.map((a) => a.name).join('、')}
          </p>
        ) : null}
        {meeting.decisions.length > 0 ? (
          <div className="meeting-decisions">
            <span className="meeting-label">{t('body.decisions')}：</span>
            <ol>
              {meeting.decisions.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ol>
          </div>
        ) : null}
      </article>
    </li>
  );
}
