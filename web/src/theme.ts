import { Alert, type CSSVariablesResolver, createTheme } from '@mantine/core';
import { toneColors } from './ui/tone';

// Contrast fixes for WCAG 2.1 AA (4.5:1 for body text): Mantine's defaults for dimmed text and
// for light alert titles on tinted backgrounds fall below it.

const fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const alertText: Record<string, string> = {
  red: toneColors.danger.fg,
  yellow: toneColors.warning.fg,
  orange: toneColors.warning.fg,
  green: toneColors.ok.fg,
  blue: toneColors.info.fg,
};

export const theme = createTheme({
  // Shade 8 keeps white button text above the contrast ratio.
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily,
  headings: { fontFamily },
  components: {
    // Most fields are required, so optional ones say "Optional" instead; a "*" in every label
    // would also become part of each field's label text.
    InputWrapper: { defaultProps: { withAsterisk: false } },
    Alert: Alert.extend({
      vars: (_theme, props) => {
        const color = props.color ? alertText[props.color] : undefined;
        return { root: color ? { '--alert-color': color } : {} };
      },
    }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f6670' },
  dark: {},
});
