import { Col, Form, InputNumber, Row, Select } from 'antd';
import type { ImportT } from './import-steps';

/**
 * 分带 and 带号 of an import form (fields `zoneWidth`, `zone`): for Gauss–Krüger coordinates
 * without a zone prefix and without a .prj; 带号 is asked only for a chosen width (3°: 25–45, 6°: 13–23).
 */
export function ImportZoneFields({ t, help }: { t: ImportT; help?: string }) {
  const form = Form.useFormInstance();
  const zoneWidth = Form.useWatch('zoneWidth', form) as '3' | '6' | 'auto' | undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} sm={14}>
        <Form.Item name="zoneWidth" label={t('import.zone')} extra={help}>
          <Select
            options={[
              { value: 'auto', label: t('import.zoneAuto') },
              { value: '3', label: t('import.zone3') },
              { value: '6', label: t('import.zone6') },
            ]}
          />
        </Form.Item>
      </Col>
      {zoneWidth && zoneWidth !== 'auto' ? (
        <Col xs={24} sm={10}>
          <Form.Item name="zone" label={t('import.zoneNumber')} rules={[{ required: true }]}>
            <InputNumber min={zoneWidth === '3' ? 25 : 13} max={zoneWidth === '3' ? 45 : 23} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}
