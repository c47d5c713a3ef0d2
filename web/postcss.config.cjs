// Mantine's PostCSS preset provides rem(), light-dark() and the breakpoint mixins its CSS relies on.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
