/** One item of the editor's step, question and source lists: its fields, then its controls. */
import { AUDIENCES } from '../../guides/schema.ts';
import { itemFieldName, type FaqFields, type SourceFields, type StepFields } from '../guide-form.ts';
import { AUDIENCE_LABEL } from './editor-labels.ts';
import { ItemFieldset, SelectField, TextField, type FieldContext } from './fields.tsx';

export function StepItem({ ctx, step, index }: { ctx: FieldContext; step: StepFields; index: number }) {
  const name = (key: keyof StepFields) => itemFieldName('steps', index, key);
  return (
    <ItemFieldset list="steps" index={index}>
      <TextField
        ctx={ctx}
        name={name('action')}
        label="What to do"
        value={step.action}
        multiline
        hint="One clear action. Inline Markdown: `code`, *emphasis*, [links](https://…)."
      />
      <TextField ctx={ctx} name={name('why')} label="Why it helps" value={step.why} multiline />
      <input type="hidden" name={name('id')} value={step.id} />
      <TextField
        ctx={ctx}
        name={name('commands')}
        label="Commands"
        optional
        value={step.commands}
        multiline
        code
        hint="One command per line, exactly as typed."
      />
      <SelectField
        ctx={ctx}
        name={name('audience')}
        label="Who can do this"
        optional
        value={step.audience}
        blank="Not specified"
        options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABEL[a] }))}
      />
      <SelectField
        ctx={ctx}
        name={name('kind')}
        label="Kind of step"
        optional
        value={step.kind}
        blank="Fix (changes something)"
        options={[{ value: 'check', label: 'Check (only finds something out: a log, a name)' }]}
      />
    </ItemFieldset>
  );
}

export function FaqItem({ ctx, faq, index }: { ctx: FieldContext; faq: FaqFields; index: number }) {
  return (
    <ItemFieldset list="faq" index={index}>
      <TextField
        ctx={ctx}
        name={itemFieldName('faq', index, 'question')}
        label="Question"
        value={faq.question}
      />
      <TextField
        ctx={ctx}
        name={itemFieldName('faq', index, 'answer')}
        label="Answer"
        value={faq.answer}
        multiline
        rows={4}
      />
    </ItemFieldset>
  );
}

export function SourceItem({
  ctx,
  source,
  index,
}: {
  ctx: FieldContext;
  source: SourceFields;
  index: number;
}) {
  return (
    <ItemFieldset list="sources" index={index}>
      <TextField
        ctx={ctx}
        name={itemFieldName('sources', index, 'title')}
        label="Title"
        value={source.title}
      />
      <TextField
        ctx={ctx}
        name={itemFieldName('sources', index, 'url')}
        label="Address (URL)"
        type="url"
        code
        value={source.url}
      />
      <TextField
        ctx={ctx}
        name={itemFieldName('sources', index, 'publisher')}
        label="Publisher"
        value={source.publisher}
        hint="For example Microsoft Learn."
      />
    </ItemFieldset>
  );
}
