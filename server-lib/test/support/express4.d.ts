// express4 is Express 4 installed under an alias (npm:express@^4): its API, for what these
// tests use, is the one @types/express describes.
declare module 'express4' {
  import express from 'express';
  export default express;
}
