// Use Debian's Chromium instead of puppeteer's own download (npm 11 blocks
// install scripts, and this machine reaches no browser download host).
module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
};
