import { Grid, Switch, TextInput, type SwitchProps, type TextInputProps } from '@mantine/core';

/**
 * The first row of a record form (package, router): its name (required, focused when the dialog
 * opens) and, beside it, the switch that turns the record on or off. The caller passes each input's
 * label and `form.getInputProps` (the switch's with `{ type: 'checkbox' }`).
 */
export function NameAndActiveFields({ name, active }: { name: TextInputProps; active: SwitchProps }) {
  return (
    <>
      <Grid.Col span={{ base: 12, sm: 8 }}>
        <TextInput withAsterisk data-autofocus {...name} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 4 }} pt={34}>
        <Switch {...active} />
      </Grid.Col>
    </>
  );
}
