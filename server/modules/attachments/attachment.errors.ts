import { defineErrors } from '../../lib/errors.js';

/** Error codes of photo attachments. */
export const AttachmentErrors = defineErrors({
  ATTACHMENT_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该照片', en: 'Photo not found' },
  },
  ATTACHMENT_FILE_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': 'file：请选择一张照片（以 multipart/form-data 的 file 字段上传）',
      en: 'file: choose a photo (upload it as multipart/form-data, field "file")',
    },
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 400,
    message: {
      'zh-CN':
        'file：「{name}」不是允许的图片格式，只接受 JPEG、PNG、WebP 或 HEIC 照片（按文件内容判断，与扩展名无关）',
      en: 'file: "{name}" is not an accepted image; only JPEG, PNG, WebP or HEIC photos are accepted (judged by the file content, not its name)',
    },
  },
  ATTACHMENT_MALFORMED: {
    status: 400,
    message: {
      'zh-CN': 'file：「{name}」图片文件已损坏或不完整，请重新拍摄或选择',
      en: 'file: "{name}" is a damaged or incomplete image; take or choose it again',
    },
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    message: {
      'zh-CN': 'file：照片不能超过 {limitMb} MB，请压缩后再上传',
      en: 'file: a photo may be at most {limitMb} MB; make it smaller and upload again',
    },
  },
  ATTACHMENT_LIMIT_REACHED: {
    status: 422,
    message: {
      'zh-CN': '每条记录最多 {max} 张照片，请先删除不需要的照片',
      en: 'At most {max} photos per record; delete one you do not need first',
    },
  },
  ATTACHMENT_OWNER_CLOSED: {
    status: 409,
    message: {
      'zh-CN': '{owner}已结束，照片不能再添加或删除',
      en: 'The {ownerEn} is closed; photos can no longer be added or deleted',
    },
  },
  ATTACHMENT_DELETE_NOT_ALLOWED: {
    status: 403,
    message: {
      'zh-CN': '只有上传人或调度、主管可以删除这张照片',
      en: 'Only the uploader or a dispatcher or manager may delete this photo',
    },
  },
});
