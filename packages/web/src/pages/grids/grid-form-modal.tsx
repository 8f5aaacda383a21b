import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { GRID_ROLES, gridRoleLabel, isWithinRegion, type GridDetail, type GridRole, type Region } from '@minewatch/core';
import { isApiError } from '../../api/client';
import { useCreateGrid, useUpdateGrid } from '../../api/grids';
import { usePeople } from '../../api/people';
import { useLabel } from '../../i18n';
import { RegionTreeSelect } from '../../layout/region-tree-select';
import { ApiErrorAlert } from '../../ui/api-error-alert';
import { applyFieldErrors } from '../../ui/apply-field-errors';
import { L } from '../sites/site-records-labels';

type GridForm = { regionCode: string; name: string; geometry?: string; people?: { personId?: string; role: GridRole }[] };
const FIELDS = ['regionCode', 'name', 'geometry', 'people'] as const;
const linkable = (a: string, b: string) => isWithinRegion(a, b) || isWithinRegion(b, a);

/** 新建/编辑网格: name, region, optional area as GeoJSON, assigned people (网格长/网格员). */
export function GridFormModal({ open, onClose, region, grid }: { open: boolean; onClose: () => void; region: Region; grid?: GridDetail }) {
  const label = useLabel();
  return (
    <Modal open={open} onCancel={onClose} title={label(grid ? L.gridEdit : L.gridAdd)} footer={null} destroyOnHidden width={640}>
      {open ? <GridFormBody onClose={onClose} region={region} grid={grid} /> : null}
    </Modal>
  );
}

function GridFormBody({ onClose, region, grid }: { onClose: () => void; region: Region; grid: GridDetail | undefined }) {
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<GridForm>();
  const create = useCreateGrid();
  const update = useUpdateGrid(grid?.id ?? '');
  const pending = create.isPending || update.isPending;
  const people = usePeople(region.code);
  const regionCode = Form.useWatch('regionCode', form) ?? grid?.regionCode ?? region.code;
  const options = (people.data ?? [])
    .filter((p) => linkable(regionCode, p.regionCode))
    .map((p) => ({ value: p.id, label: `${p.name}${p.position ? `（${p.position}）` : ''}` }));

  const onFinish = (v: GridForm) => {
    let geometry: unknown = null;
    if (v.geometry?.trim()) {
      try {
        geometry = JSON.parse(v.geometry);
      } catch (e) {
        form.setFields([{ name: 'geometry', errors: [`${label(L.invalidJson)}: ${(e as Error).message}`] }]);
        return;
      }
    }
    const list = (v.people ?? []).filter((p) => p.personId).map((p) => ({ personId: p.personId!, role: p.role }));
    const done = () => {
      void message.success(label(L.saved));
      onClose();
    };
    const failed = (e: unknown) => {
      if (isApiError(e) && e.status === 409 && grid) void message.error(label(L.conflict));
      applyFieldErrors(form, e, FIELDS);
    };
    if (grid) update.mutate({ version: grid.version, name: v.name, geometry: geometry as never, people: list }, { onSuccess: done, onError: failed });
    else create.mutate({ regionCode: v.regionCode, name: v.name, geometry: geometry as never, people: list }, { onSuccess: done, onError: failed });
  };

  return (
    <Form<GridForm>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      disabled={pending}
      initialValues={
        grid
          ? { regionCode: grid.regionCode, name: grid.name, geometry: grid.geometry ? JSON.stringify(grid.geometry) : '', people: grid.people.map((p) => ({ personId: p.personId, role: p.role })) }
          : { regionCode: region.code, people: [] }
      }
    >
      <ApiErrorAlert error={create.error ?? update.error} />
      <Form.Item name="name" label={label(L.gridName)} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input autoFocus />
      </Form.Item>
      <Form.Item name="regionCode" label={label(L.gridRegion)} rules={[{ required: true }]}>
        <RegionTreeSelect roots={[region]} disabled={!!grid} />
      </Form.Item>
      <Form.List name="people">
        {(fields, { add, remove }) => (
          <fieldset className="grid-people">
            <legend>{label(L.gridPeople)}</legend>
            {fields.map((f, i) => (
              <Space key={f.key} align="baseline" wrap>
                <Form.Item name={[f.name, 'personId']} label={`${label(L.gridPeople)} ${i + 1}`} rules={[{ required: true }]} style={{ minWidth: 280 }}>
                  <Select showSearch optionFilterProp="label" options={options} loading={people.isLoading} placeholder={label(L.personPlaceholder)} />
                </Form.Item>
                <Form.Item name={[f.name, 'role']} label={`${label(L.gridRole)} ${i + 1}`} rules={[{ required: true }]} style={{ minWidth: 120 }}>
                  <Select options={GRID_ROLES.map((r) => ({ value: r, label: label(gridRoleLabel[r]) }))} />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={`${label(L.remove)} ${i + 1}`} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ role: 'member' })}>
              {label(L.addPerson)}
            </Button>
          </fieldset>
        )}
      </Form.List>
      <Form.Item name="geometry" label={label(L.gridArea)} extra={label(L.gridAreaHelp)} style={{ marginTop: 16 }}>
        <Input.TextArea rows={4} spellCheck={false} />
      </Form.Item>
      <Space className="form-actions">
        <Button onClick={onClose}>{label({ zh: '取消', en: 'Cancel' })}</Button>
        <Button type="primary" htmlType="submit" loading={pending}>
          {label({ zh: '保存', en: 'Save' })}
        </Button>
      </Space>
    </Form>
  );
}
